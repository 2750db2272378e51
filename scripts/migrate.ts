// npm run migrate -- --name what_changed
// One change to prisma/schema.prisma becomes one migration in each history, both written as
// `prisma migrate dev` writes them: the PostgreSQL schema is derived again, each provider's migration
// is made (by `prisma migrate diff`, which never stops to ask) against a scratch database of its own (a temporary SQLite file; a
// throwaway PostgreSQL server, or TEST_POSTGRES_URL's), the PostgreSQL folder takes the SQLite
// folder's name so both histories read the same, the new migration is applied to the database
// DATABASE_URL names, and then both clients are generated again (so a running `npm run dev`
// restarts on a client whose columns exist). Nothing is left half-made: a SQLite file that a Jot
// process is serving is refused before anything is written, and migrations that could not be
// applied are taken back.
import "dotenv/config";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, loadDatabaseConfig, type DatabaseConfig } from "../app/config.js";
import { redactedDatabaseUrl } from "../app/database-url.js";
import { servingProcess } from "../app/database/serving-marker.js";
import { DERIVED, derivePostgresSchema, SOURCE } from "./derive-postgres-schema.js";
import { prismaCli } from "./prisma-cli.js";
import { scratchPostgresDatabase } from "./throwaway-postgres.js";

const root = join(import.meta.dirname, "..");
const HISTORIES = { sqlite: join(root, "prisma", "migrations"), postgresql: join(root, "prisma", "postgres", "migrations") };

/** Something the developer must see and act on; printed as one line, without a stack trace. */
class MigrateError extends Error {}

const migrations = (history: string) =>
  readdirSync(history, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

/** A migration folder's name as `prisma migrate dev` makes it: the UTC time to the second, then the name. */
const folderName = (name: string) => `${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}_${name}`;

/**
 * Applies what is there, then writes what `schema` adds to it as a new migration in `history`;
 * returns the folder it made, if any. The SQL is `prisma migrate diff`'s, the same as `prisma
 * migrate dev --create-only` writes: that command stops to ask about every warning (a new unique
 * key, say), which no one can answer here, and a scratch database has no rows for one to be about.
 */
function createMigration(history: string, schema: string, name: string, scratchUrl: string): string | undefined {
  const deployed = prismaCli(["migrate", "deploy"], scratchUrl);
  if (!deployed.ok) throw new MigrateError(`prisma migrate deploy failed on a scratch database:\n${deployed.output}`);
  const diff = prismaCli(["migrate", "diff", "--from-config-datasource", "--to-schema", schema, "--script"], scratchUrl);
  if (!diff.ok) throw new MigrateError(`prisma migrate diff failed on a scratch database:\n${diff.output}`);
  // With no schema change the script is a comment alone: that is no migration.
  if (!/^\s*[A-Z]/m.test(diff.stdout)) return undefined;
  const made = folderName(name);
  mkdirSync(join(history, made));
  writeFileSync(join(history, made, "migration.sql"), diff.stdout);
  return made;
}

function sqliteMigration(name: string): string | undefined {
  const scratch = mkdtempSync(join(tmpdir(), "jot-migrate-"));
  try {
    return createMigration(HISTORIES.sqlite, SOURCE, name, `file:${join(scratch, "scratch.db")}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Makes the PostgreSQL twin of the SQLite migration `wanted`, under the same folder name. */
async function postgresMigration(wanted: string): Promise<void> {
  const scratch = await scratchPostgresDatabase("jot_migrate");
  try {
    const made = createMigration(HISTORIES.postgresql, DERIVED, wanted.replace(/^\d+_/, ""), scratch.url);
    if (!made) throw new MigrateError(`PostgreSQL found no change for ${wanted}: is prisma/postgres/schema.prisma derived? (npm run schema:postgres)`);
    renameSync(join(HISTORIES.postgresql, made), join(HISTORIES.postgresql, wanted));
  } finally {
    await scratch.drop();
  }
}

function generateClients(databaseUrl: string): void {
  for (const schema of [SOURCE, DERIVED]) {
    const { ok, output } = prismaCli(["generate", "--schema", schema], databaseUrl);
    if (!ok) throw new MigrateError(`prisma generate failed for ${schema}: ${output.trim()}`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { name: { type: "string" } } });
  const name = values.name ?? "";
  if (!/^[a-z0-9_]{1,60}$/.test(name)) throw new MigrateError("give the change a name: npm run migrate -- --name what_changed (lower-case letters, digits and _).");
  let target: DatabaseConfig;
  try {
    target = loadDatabaseConfig();
  } catch (error) {
    throw error instanceof ConfigError ? new MigrateError(error.message) : error;
  }

  const server = target.provider === "sqlite" ? servingProcess(target.url.slice("file:".length)) : undefined;
  if (server !== undefined) {
    throw new MigrateError(
      `${redactedDatabaseUrl(target.url)} is being served by process ${server} (npm run dev?), and SQLite cannot change its schema under it: stop that Jot (Ctrl-C), run npm run migrate again, then start it again. Nothing was written.`,
    );
  }

  writeFileSync(DERIVED, derivePostgresSchema(readFileSync(SOURCE, "utf8")));
  console.log("1. prisma/postgres/schema.prisma derived from prisma/schema.prisma");

  const sqliteFolder = sqliteMigration(name);
  console.log(`2. SQLite: ${sqliteFolder ? `prisma/migrations/${sqliteFolder}` : "no new migration (none needed, or made before)"}`);

  // Whatever SQLite has that PostgreSQL lacks is what PostgreSQL needs now (also when the SQLite
  // migration was made earlier by `prisma migrate dev` alone).
  const postgresFolders = new Set(migrations(HISTORIES.postgresql));
  const missing = migrations(HISTORIES.sqlite).filter((folder) => !postgresFolders.has(folder));
  if (missing.length > 1) throw new MigrateError(`prisma/postgres/migrations lacks ${missing.length} migrations (${missing.join(", ")}); make them one schema change at a time.`);
  const wanted = missing[0];
  if (wanted) await postgresMigration(wanted);
  console.log(`3. PostgreSQL: ${wanted ? `prisma/postgres/migrations/${wanted}` : "nothing missing"}`);

  const applied = prismaCli(["migrate", "deploy"], target.url);
  const where = redactedDatabaseUrl(target.url);
  if (!applied.ok) {
    // Taken back, so that no client is made for columns the database does not have.
    if (sqliteFolder) rmSync(join(HISTORIES.sqlite, sqliteFolder), { recursive: true, force: true });
    if (wanted) rmSync(join(HISTORIES.postgresql, wanted), { recursive: true, force: true });
    throw new MigrateError(
      `${where} could not take the migration (is another process holding it?), so it was taken back and no client was generated: run npm run migrate again once it is free. Prisma said: ${applied.output.trim().split("\n").at(-1)}`,
    );
  }
  console.log(`4. applied to ${where}`);

  generateClients(target.url);
  console.log("5. both clients generated. Commit prisma/schema.prisma, prisma/postgres/ and the new migration folders.");
}

try {
  await main();
} catch (error) {
  if (!(error instanceof MigrateError)) throw error;
  console.error(`jot migrate: ${error.message}`);
  process.exitCode = 1;
}
