import { randomUUID } from "node:crypto";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll } from "vitest";
import type { DatabaseConfig } from "../../app/config.js";
import type { Database } from "../../app/database/client.js";
import { openDatabase } from "../../app/database/open.js";
import type { DatabaseProvider } from "../../app/database-url.js";
import { createPostgresDatabase } from "./postgres-setup.js";
import { sqliteTemplate, tmpDir } from "./paths.js";

/** Which database this test project runs on (vitest.config.ts sets JOT_TEST_DATABASE per project). */
export const testProvider: DatabaseProvider = process.env.JOT_TEST_DATABASE === "postgres" ? "postgresql" : "sqlite";

/** A new database with every migration applied, for this test file alone. */
export async function freshDatabaseUrl(): Promise<string> {
  if (testProvider === "sqlite") {
    const file = join(tmpDir, `${randomUUID()}.db`);
    copyFileSync(sqliteTemplate, file);
    return `file:${file}`;
  }
  return createPostgresDatabase("template");
}

/** A client of its own on a database (closed when the file is done), optionally recording every statement's SQL. */
export async function openTestDatabase(url: string, queries?: string[]): Promise<Database> {
  const config: DatabaseConfig = { provider: testProvider, url, poolSize: 5 };
  const db = await openDatabase(config, queries ? { onQuery: (sql) => queries.push(sql) } : {});
  afterAll(() => db.$disconnect());
  return db;
}

/** A client on a fresh database that records the SQL of every query it runs. */
export async function countingClient(): Promise<{ db: Database; queries: string[] }> {
  const queries: string[] = [];
  return { db: await openTestDatabase(await freshDatabaseUrl(), queries), queries };
}
