import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { DatabaseConfig } from "../config.js";
import { projectRoot } from "../paths.js";
import { connectionSettings } from "./postgres-settings.js";

const HISTORY = {
  sqlite: join(projectRoot, "prisma", "migrations"),
  postgresql: join(projectRoot, "prisma", "postgres", "migrations"),
};

/** The migrations of the database's history, oldest first: the folders `prisma migrate` made. */
function migrationsOf(config: DatabaseConfig): string[] {
  return readdirSync(HISTORY[config.provider], { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

const APPLIED = `SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`;

/** The migrations Prisma has applied to the database (none if it, or its table, does not exist yet): read only. */
async function appliedTo(config: DatabaseConfig): Promise<Set<string>> {
  if (config.provider === "sqlite") {
    const file = config.url.slice("file:".length);
    if (file === ":memory:" || !existsSync(file)) return new Set();
    const { default: Sqlite } = await import("better-sqlite3");
    const db = new Sqlite(file, { readonly: true, timeout: 1000 });
    try {
      const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get();
      return new Set(table ? db.prepare(APPLIED).all().map((row) => (row as { migration_name: string }).migration_name) : []);
    } finally {
      db.close();
    }
  }
  const { default: pg } = await import("pg");
  const { connectionString, options } = connectionSettings(config.url);
  const client = new pg.Client({ connectionString, options, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    // 3D000: the database does not exist yet.
    if ((error as { code?: string }).code === "3D000") return new Set();
    throw error;
  }
  try {
    const found = await client.query<{ exists: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS "exists"`);
    if (!found.rows[0]?.exists) return new Set();
    const { rows } = await client.query<{ migration_name: string }>(APPLIED);
    return new Set(rows.map((row) => row.migration_name));
  } finally {
    await client.end();
  }
}

/** The migrations of the database's history that the database has not had yet, oldest first. */
export async function pendingMigrations(config: DatabaseConfig): Promise<string[]> {
  const applied = await appliedTo(config);
  return migrationsOf(config).filter((name) => !applied.has(name));
}
