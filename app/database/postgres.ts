import { PrismaPg } from "@prisma/adapter-pg";
import type { DatabaseConfig } from "../config.js";
import { withQueryEvents, type Database, type OpenOptions } from "./client.js";
import { connectionSettings } from "./postgres-settings.js";
import { preparingAgainAfterMigrations, StatementNames } from "./postgres-statements.js";
import { PrismaClient } from "../generated/prisma-postgres/client.js";

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
