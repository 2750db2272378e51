// Run before Jot starts (npm run dev, npm start) and before the commands that use its database
// (npm run seed, npm run shell): brings the database to the newest migration with
// `prisma migrate deploy`, unless it is there already. Checking first, with a read of Prisma's own
// table, lets those commands run beside a serving Jot on SQLite, where Prisma's schema engine would
// wait for the file and fail; a migration that is really due while another process serves the file
// is said in one line at once, with what to do.
import "dotenv/config";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { exitOnKnownTrouble } from "./command-line.js";
import { loadDatabaseConfig } from "./config.js";
import { redactedDatabaseUrl } from "./database-url.js";
import { pendingMigrations } from "./database/migration-state.js";
import { createPostgresDatabaseIfMissing } from "./database/postgres-create.js";
import { servingProcess } from "./database/serving-marker.js";
import { projectRoot } from "./paths.js";

/** What a driver's connection errors mean to the person starting Jot. */
const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: "the database server refused the connection (is it running?)",
  ENOTFOUND: "the database server's host name was not found",
  ETIMEDOUT: "the database server did not answer",
  "28P01": "the database server refused the user name or password",
};

async function prepare(): Promise<number> {
  const config = loadDatabaseConfig();
  const where = redactedDatabaseUrl(config.url);
  if (config.provider === "postgresql") await createPostgresDatabaseIfMissing(config.url);
  const pending = await pendingMigrations(config);
  if (pending.length === 0) {
    console.log(`jot: ${where} has every migration.`);
    return 0;
  }
  const server = config.provider === "sqlite" ? servingProcess(config.url.slice("file:".length)) : undefined;
  if (server !== undefined) {
    console.error(
      `jot: ${where} needs ${pending.length === 1 ? "a migration" : `${pending.length} migrations`} (${pending.join(", ")}), and process ${server} is serving it: stop that Jot (Ctrl-C in its terminal), then run this again. Starting Jot applies migrations too.`,
    );
    return 1;
  }
  return spawnSync(join(projectRoot, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], { stdio: "inherit" }).status ?? 1;
}

try {
  process.exitCode = await prepare();
} catch (error) {
  const reason = UNREACHABLE[(error as { code?: string }).code ?? ""];
  if (!reason) exitOnKnownTrouble(error);
  console.error(`jot: ${reason}.`);
  process.exitCode = 1;
}
