import type { PrismaClient } from "../generated/prisma/client.js";

/**
 * The Prisma client the repositories are written against: the SQLite client's type. The PostgreSQL
 * client has the same models, inputs and results (tests/types pins that), so it is converted to this
 * type once, where it is opened, and no repository ever asks which database it is on.
 */
export type Database = PrismaClient;

export interface OpenOptions {
  /** Called with the SQL of every statement Prisma sends (the tests count them). */
  onQuery?: (sql: string) => void;
}

/** Passes the SQL of each statement a client sends to `onQuery`. */
export function withQueryEvents<C extends { $on(event: "query", listener: (event: { query: string }) => void): void }>(
  client: C,
  onQuery: (sql: string) => void,
): C {
  client.$on("query", (event) => onQuery(event.query));
  return client;
}
