import { spawnSync } from "node:child_process";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");

/** Runs the project's Prisma CLI on the database a URL names; `ok` is its exit status, `output` all it printed, `stdout` its answer alone. */
export function prismaCli(args: string[], databaseUrl: string, env: NodeJS.ProcessEnv = {}): { ok: boolean; status: number | null; output: string; stdout: string } {
  const result = spawnSync(join(root, "node_modules", ".bin", "prisma"), args, {
    cwd: root,
    env: { ...process.env, ...env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  return { ok: result.status === 0, status: result.status, output: `${result.stdout}${result.stderr}`, stdout: result.stdout };
}

/** `prisma migrate deploy` on the database a URL names (its kind picks the migrations); throws with Prisma's output on failure. */
export function migrateDeploy(databaseUrl: string): void {
  const { ok, output } = prismaCli(["migrate", "deploy"], databaseUrl);
  if (!ok) throw new Error(`prisma migrate deploy failed:\n${output}`);
}
