import { mkdirSync, rmSync } from "node:fs";
import { migrateDeploy } from "../../scripts/prisma-cli.js";
import { sqliteTemplate, tmpDir } from "./paths.js";

/** Applies prisma/migrations to a fresh template database once per run; each test file copies it. */
export default function setup(): void {
  rmSync(tmpDir, { recursive: true, force: true });
  mkdirSync(tmpDir, { recursive: true });
  migrateDeploy(`file:${sqliteTemplate}`);
}
