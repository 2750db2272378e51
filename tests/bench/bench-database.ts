import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { DatabaseConfig } from "../../app/config.js";
import { migrateDeploy } from "../../scripts/prisma-cli.js";
import { scratchPostgresDatabase } from "../../scripts/throwaway-postgres.js";

export type BenchDatabase = DatabaseConfig & { drop(): Promise<void> };

/**
 * An empty, migrated database for one bench run: a SQLite file in bench-results/ (kept for a look
 * afterwards), or a database on TEST_POSTGRES_URL's server or on a throwaway one (both removed by drop).
 */
export async function benchDatabase(provider: DatabaseConfig["provider"], outDir: string): Promise<BenchDatabase> {
  let database: BenchDatabase;
  if (provider === "sqlite") {
    const file = join(outDir, "bench.db");
    mkdirSync(outDir, { recursive: true });
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
    database = { provider, url: `file:${file}`, poolSize: 1, drop: async () => {} };
  } else {
    const scratch = await scratchPostgresDatabase("jot_bench");
    database = { provider, url: scratch.url, poolSize: 10, drop: scratch.drop };
  }
  try {
    migrateDeploy(database.url);
  } catch (error) {
    await database.drop();
    throw error;
  }
  return database;
}
