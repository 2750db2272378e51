import { PrismaPg } from "@prisma/adapter-pg";
import type { DatabaseConfig } from "../config.js";
import { withQueryEvents, type Database, type OpenOptions } from "./client.js";
import { preparingAgainAfterMigrations, StatementNames } from "./postgres-statements.js";
import { PrismaClient } from "../generated/prisma-postgres/client.js";

// Prisma stores DateTime as UTC in timestamp columns; a UTC session keeps the database's own clock
// (now(), CURRENT_TIMESTAMP) in step with that, whatever the server's time zone.
const UTC_SESSION = "-c TimeZone=UTC";

/**
 * `?schema=` as the session's search_path: Prisma's own queries name the schema, Jot's SQL does not.
 * The name is quoted (so its case is kept) and its spaces escaped for the options string.
 */
function searchPath(schema: string): string {
  const quoted = `"${schema.replaceAll('"', '""')}"`;
  return `-c search_path=${quoted.replace(/[\\ ]/g, "\\$&")}`;
}

/** Where and how to connect for a `postgresql://` URL: the URL without Jot's settings, the settings, the schema. */
export function connectionSettings(databaseUrl: string): { connectionString: string; options: string; schema?: string } {
  const url = new URL(databaseUrl);
  // Settings in the URL would replace ours rather than add to them, so they are joined here.
  const given = url.searchParams.get("options");
  url.searchParams.delete("options");
  const schema = url.searchParams.get("schema") ?? undefined;
  const options = [given, UTC_SESSION, schema && searchPath(schema)].filter(Boolean).join(" ");
  return { connectionString: url.toString(), options, schema };
}

/** Opens a pool of `poolSize` connections to the PostgreSQL database a `postgresql://` URL names. */
export async function openPostgres(config: DatabaseConfig, { onQuery }: OpenOptions): Promise<Database> {
  const { connectionString, options, schema } = connectionSettings(config.url);
  const names = new StatementNames();
  const adapter = preparingAgainAfterMigrations(
    new PrismaPg(
      { connectionString, max: config.poolSize, options },
      // Like Prisma's CLI, honour ?schema= in the URL.
      { schema, statementNameGenerator: names.nameOf },
    ),
    names,
  );
  const prisma = onQuery
    ? withQueryEvents(new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] }), onQuery)
    : new PrismaClient({ adapter });
  // The one conversion between the two generated clients (see Database).
  return prisma as unknown as Database;
}
