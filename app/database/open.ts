import type { DatabaseConfig } from "../config.js";
import type { Database, OpenOptions } from "./client.js";

/** Opens the database the config names; only the driver and client for that database are loaded. */
export async function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Promise<Database> {
  if (config.provider === "postgresql") return (await import("./postgres.js")).openPostgres(config, options);
  return (await import("./sqlite.js")).openSqlite(config, options);
}
