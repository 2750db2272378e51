import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import type { DatabaseConfig } from "../../app/config.js";
import { databaseUrl, startThrowawayPostgres } from "../../scripts/throwaway-postgres.js";

export type BenchDatabase = DatabaseConfig & { stop(): Promise<void> };

/**
 * An empty, migrated database for one bench run: a SQLite file in bench-results/, or a database on
 * a PostgreSQL server (TEST_POSTGRES_URL's, or a throwaway one the bench starts and removes).
 */
export async function benchDatabase(provider: DatabaseConfig["provider"], root: string, outDir: string): Promise<BenchDatabase> {
  let database: BenchDatabase;
  if (provider === "sqlite") {
    const file = join(outDir, "bench.db");
    mkdirSync(outDir, { recursive: true });
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
    database = { provider, url: `file:${file}`, poolSize: 1, stop: async () => {} };
  } else {
    const given = process.env.TEST_POSTGRES_URL;
    const server = given ? { url: given, stop: async () => {} } : await startThrowawayPostgres();
    const name = `jot_bench_${Date.now().toString(36)}`;
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    await client.query(`CREATE DATABASE "${name}"`);
    await client.end();
    database = { provider, url: databaseUrl(server.url, name), poolSize: 10, stop: () => server.stop() };
  }
  execFileSync(join(root, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: database.url },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return database;
}
