import type { FastifyBaseLogger } from "fastify";
import type { DatabaseConfig } from "../config.js";
import type { Database, OpenOptions } from "./client.js";
import { LocalNews, type NewsBus } from "./news.js";

/** Opens the database the config names; only the driver and client for that database are loaded. */
export async function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Promise<Database> {
  if (config.provider === "postgresql") return (await import("./postgres.js")).openPostgres(config, options);
  return (await import("./sqlite.js")).openSqlite(config, options);
}

/** The news bus that goes with the database: LISTEN/NOTIFY on PostgreSQL, in-memory on SQLite. */
export async function openNews(config: DatabaseConfig, db: Database, log: Pick<FastifyBaseLogger, "warn">): Promise<NewsBus> {
  if (config.provider === "postgresql") return (await import("./postgres-news.js")).PostgresNews.open(config, db, log);
  return new LocalNews();
}
