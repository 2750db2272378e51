import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { DatabaseConfig } from "../config.js";
import { withQueryEvents, type Database, type OpenOptions } from "./client.js";
import { PrismaClient } from "../generated/prisma/client.js";
import { waitingForLocks } from "./sqlite-busy.js";

/** Opens the SQLite file named by a `file:` URL, creating its folder on first use. */
export async function openSqlite(config: DatabaseConfig, { onQuery }: OpenOptions): Promise<Database> {
  const file = config.url.slice("file:".length);
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  // No busy timeout in the driver: it would wait synchronously; waitingForLocks waits asynchronously.
  const adapter = waitingForLocks(new PrismaBetterSqlite3({ url: config.url, timeout: 0 }));
  const prisma = onQuery
    ? withQueryEvents(new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] }), onQuery)
    : new PrismaClient({ adapter });
  // WAL lets readers carry on while a post is written.
  await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  // PostgreSQL's LIKE is case-sensitive and SQLite's is not: make SQLite's match, so that a
  // `contains` or `startsWith` filter finds the same rows on both.
  await prisma.$executeRawUnsafe("PRAGMA case_sensitive_like = ON");
  return prisma;
}
