import { PrismaPg } from "@prisma/adapter-pg";
import type { DatabaseConfig } from "../config.js";
import { withQueryEvents, type Database, type OpenOptions } from "./client.js";
import { statementNames } from "./postgres-statements.js";
import { PrismaClient } from "../generated/prisma-postgres/client.js";

// Prisma stores DateTime as UTC in timestamp columns; a UTC session keeps the database's own clock
// (now(), CURRENT_TIMESTAMP) in step with that, whatever the server's time zone.
const UTC_SESSION = "-c TimeZone=UTC";

/** Opens a pool of `poolSize` connections to the PostgreSQL database a `postgresql://` URL names. */
export async function openPostgres(config: DatabaseConfig, { onQuery }: OpenOptions): Promise<Database> {
  const url = new URL(config.url);
  // Settings in the URL would replace ours rather than add to them, so they are joined here.
  const given = url.searchParams.get("options");
  url.searchParams.delete("options");
  const adapter = new PrismaPg(
    { connectionString: url.toString(), max: config.poolSize, options: given ? `${given} ${UTC_SESSION}` : UTC_SESSION },
    // Like Prisma's CLI, honour ?schema= in the URL.
    { schema: url.searchParams.get("schema") ?? undefined, statementNameGenerator: statementNames() },
  );
  const prisma = onQuery
    ? withQueryEvents(new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] }), onQuery)
    : new PrismaClient({ adapter });
  // The one conversion between the two generated clients (see Database).
  return prisma as unknown as Database;
}
