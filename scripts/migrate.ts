// npm run migrate -- --name what_changed
// One change to prisma/schema.prisma becomes one migration in each history, both made by
// `prisma migrate dev`: the PostgreSQL schema is derived again, each provider's migration is
// created (--create-only) against a scratch database of its own (a temporary SQLite file; a
// throwaway PostgreSQL server, or TEST_POSTGRES_URL's), the PostgreSQL folder takes the SQLite
// folder's name so both histories read the same, and then the migration is applied to the database
// DATABASE_URL names and both clients are generated again.
import "dotenv/config";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { ConfigError, loadDatabaseConfig } from "../app/config.js";
import { redactedDatabaseUrl } from "../app/database-url.js";
import { DERIVED, derivePostgresSchema, SOURCE } from "./derive-postgres-schema.js";
import { databaseUrl, startThrowawayPostgres, type PostgresServer } from "./throwaway-postgres.js";

const root = join(import.meta.dirname, "..");
const HISTORIES = { sqlite: join(root, "prisma", "migrations"), postgresql: join(root, "prisma", "postgres", "migrations") };

/** Stops with one line saying what went wrong and what to do. */
function fail(message: string): never {
  console.error(`jot migrate: ${message}`);
  process.exit(1);
}

const migrations = (history: string) =>
  readdirSync(history, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

function prisma(args: string[], databaseUrl: string): { ok: boolean; output: string } {
  const result = spawnSync(join(root, "node_modules", ".bin", "prisma"), args, {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

/** `prisma migrate dev --create-only` on a scratch database; returns the folder it made, if any. */
function createMigration(history: string, name: string, scratchUrl: string): string | undefined {
  const before = new Set(migrations(history));
  const deployed = prisma(["migrate", "deploy"], scratchUrl);
  if (!deployed.ok) fail(`prisma migrate deploy failed on a scratch database:\n${deployed.output}`);
  const { ok, output } = prisma(["migrate", "dev", "--create-only", "--name", name], scratchUrl);
  if (!ok) fail(`prisma migrate dev failed on a scratch database:\n${output}`);
  const made = migrations(history).find((folder) => !before.has(folder));
  // With no schema change, --create-only still writes an empty migration: that is no migration.
  if (made && !/^\s*[A-Z]/m.test(readFileSync(join(history, made, "migration.sql"), "utf8"))) {
    rmSync(join(history, made), { recursive: true });
    return undefined;
  }
  return made;
}

async function scratchPostgres(): Promise<{ url: string; server?: PostgresServer }> {
  const given = process.env.TEST_POSTGRES_URL;
  const server = given ? undefined : await startThrowawayPostgres();
  const serverUrl = given ?? server!.url;
  const name = `jot_migrate_${Date.now().toString(36)}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  return { url: databaseUrl(serverUrl, name), server };
}

const { values } = parseArgs({ options: { name: { type: "string" } } });
const name = values.name ?? "";
if (!/^[a-z0-9_]{1,60}$/.test(name)) fail("give the change a name: npm run migrate -- --name what_changed (lower-case letters, digits and _).");

let target: ReturnType<typeof loadDatabaseConfig>;
try {
  target = loadDatabaseConfig();
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error));
}

writeFileSync(DERIVED, derivePostgresSchema(readFileSync(SOURCE, "utf8")));
console.log("1. prisma/postgres/schema.prisma derived from prisma/schema.prisma");

const scratchDir = mkdtempSync(join(tmpdir(), "jot-migrate-"));
const sqliteFolder = createMigration(HISTORIES.sqlite, name, `file:${join(scratchDir, "scratch.db")}`);
rmSync(scratchDir, { recursive: true, force: true });
console.log(`2. SQLite: ${sqliteFolder ? `prisma/migrations/${sqliteFolder}` : "no new migration (none needed, or made before)"}`);

// Whatever SQLite has that PostgreSQL lacks is what PostgreSQL needs now (also when the SQLite
// migration was made earlier by `prisma migrate dev` alone).
const missing = migrations(HISTORIES.sqlite).filter((folder) => !migrations(HISTORIES.postgresql).includes(folder));
if (missing.length > 1) fail(`prisma/postgres/migrations lacks ${missing.length} migrations (${missing.join(", ")}); make them one schema change at a time.`);
const wanted = missing[0];
if (wanted) {
  const scratch = await scratchPostgres();
  try {
    const made = createMigration(HISTORIES.postgresql, wanted.replace(/^\d+_/, ""), scratch.url);
    if (!made) fail(`PostgreSQL found no change for ${wanted}: is prisma/postgres/schema.prisma derived? (npm run schema:postgres)`);
    renameSync(join(HISTORIES.postgresql, made), join(HISTORIES.postgresql, wanted));
  } finally {
    await scratch.server?.stop();
  }
  console.log(`3. PostgreSQL: prisma/postgres/migrations/${wanted}`);
} else {
  console.log("3. PostgreSQL: nothing missing");
}

const applied = prisma(["migrate", "deploy"], target.url);
if (!applied.ok) {
  const made = wanted ? `prisma/migrations/${wanted} and prisma/postgres/migrations/${wanted}` : "no new migration";
  fail(`made ${made}, but could not apply the pending migrations to ${redactedDatabaseUrl(target.url)} (is a long transaction holding it?); run \`npx prisma migrate deploy\` once it is free. Prisma said: ${applied.output.trim().split("\n").at(-1)}`);
}
console.log(`4. applied to ${redactedDatabaseUrl(target.url)}`);
for (const schema of [SOURCE, DERIVED]) {
  const generated = spawnSync(join(root, "node_modules", ".bin", "prisma"), ["generate", "--schema", schema], { cwd: root, encoding: "utf8" });
  if (generated.status !== 0) fail(`prisma generate failed for ${schema}: ${generated.stderr.trim()}`);
}
console.log("5. both clients generated. Commit prisma/schema.prisma, prisma/postgres/ and the new migration folders.");
