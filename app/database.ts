import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/prisma/client.js";

export type Database = PrismaClient;

/** Opens the SQLite file named by a `file:` URL, creating its folder on first use. */
export async function openDatabase(databaseUrl: string): Promise<Database> {
  const file = databaseUrl.slice("file:".length);
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: databaseUrl }) });
  // WAL lets readers carry on while a post is written.
  await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  return prisma;
}
