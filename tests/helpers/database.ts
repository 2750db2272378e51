import { randomUUID } from "node:crypto";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../app/generated/prisma/client.js";
import { templateDatabase, tmpDir } from "./paths.js";

/** A new SQLite file with every migration applied, for this test file alone. */
export function freshDatabaseUrl(): string {
  const file = join(tmpDir, `${randomUUID()}.db`);
  copyFileSync(templateDatabase, file);
  return `file:${file}`;
}

/** A Prisma client on a fresh database that records the SQL of every query it runs. */
export function countingClient(): { db: PrismaClient; queries: string[] } {
  const queries: string[] = [];
  const db = new PrismaClient({
    adapter: new PrismaBetterSqlite3({ url: freshDatabaseUrl() }),
    log: [{ emit: "event", level: "query" }],
  });
  db.$on("query", (event) => queries.push(event.query));
  return { db, queries };
}
