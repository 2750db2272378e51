import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { projectRoot, sqliteTemplate, tmpDir } from "./paths.js";

/** Applies prisma/migrations to a fresh template database once per run; each test file copies it. */
export default function setup(): void {
  rmSync(tmpDir, { recursive: true, force: true });
  mkdirSync(tmpDir, { recursive: true });
  execFileSync(join(projectRoot, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: `file:${sqliteTemplate}` },
    stdio: ["ignore", "ignore", "inherit"],
  });
}
