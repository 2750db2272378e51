import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { DatabaseConfig } from "../config.js";
import { PrismaClient } from "../generated/prisma/client.js";
import { preparedConnections } from "./adapter-wrappers.js";
import { withQueryEvents, type Database, type OpenOptions } from "./client.js";
import { patient } from "./sqlite-busy.js";
import { preparingOnce } from "./sqlite-statements.js";
import { utcTimes } from "./sqlite-times.js";

// On every connection the adapter opens (Prisma opens a new one after a disconnect): WAL lets
// readers carry on while a post is written; and PostgreSQL's LIKE is case-sensitive while
// SQLite's is not, so SQLite's is made to match and a `contains` filter finds the same rows on both.
const CONNECTION_SETUP = "PRAGMA journal_mode = WAL; PRAGMA case_sensitive_like = ON;";

/** Connections as Jot wants them: set up, and waiting for other processes' locks without blocking. */
function jotConnections(factory: PrismaBetterSqlite3): SqlDriverAdapterFactory {
  return preparedConnections(factory, async (adapter) => {
    // The adapter keeps its better-sqlite3 connection in `client`.
    preparingOnce((adapter as unknown as { client: BetterSqlite3.Database }).client);
    const connection = patient(utcTimes(adapter));
    await connection.executeScript(CONNECTION_SETUP);
    return connection;
  });
}

/** Opens the SQLite file named by a `file:` URL, creating its folder on first use. */
export async function openSqlite(config: DatabaseConfig, { onQuery }: OpenOptions): Promise<Database> {
  const file = config.url.slice("file:".length);
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  // No busy timeout in the driver: it would wait synchronously; `patient` waits asynchronously.
  const adapter = jotConnections(new PrismaBetterSqlite3({ url: config.url, timeout: 0 }));
  const prisma = onQuery
    ? withQueryEvents(new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] }), onQuery)
    : new PrismaClient({ adapter });
  // Connect now, so that a database that cannot be opened stops the start rather than the first request.
  await prisma.$connect();
  return prisma;
}
