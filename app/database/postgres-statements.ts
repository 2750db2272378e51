import type { SqlDriverAdapterFactory, SqlQuery } from "@prisma/driver-adapter-utils";
import { around, preparedConnections } from "./adapter-wrappers.js";

/** Statement names given out per process; Jot has a few dozen distinct SQL texts. */
const NAMED_STATEMENTS = 256;

/**
 * Names each distinct SQL text, so that every pooled connection parses and plans it once and
 * then only executes it. Past the bound a statement stays unnamed (parsed each time), which keeps
 * the statements each connection holds on the server bounded whatever SQL comes along.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();
  private given = 0;

  /** The name for this query's SQL; for pg, no name means an unnamed statement. */
  readonly nameOf = ({ sql }: SqlQuery): string => {
    let name = this.names.get(sql);
    if (name === undefined && this.given < NAMED_STATEMENTS) {
      name = `jot_${++this.given}`;
      this.names.set(sql, name);
    }
    return name as string;
  };

  /** Gives the SQL a new name at its next use, so every connection prepares it afresh. */
  renew(sql: string): void {
    this.names.delete(sql);
  }
}

/** PostgreSQL's answer when the columns a prepared statement returns changed under it (a migration). */
function isStalePlan(error: unknown): boolean {
  const cause = error instanceof Error && error.name === "DriverAdapterError" ? (error.cause as { code?: string; message?: string }) : undefined;
  return cause?.code === "0A000" && /cached plan must not change result type/.test(cause.message ?? "");
}

/**
 * Connections whose statements, should a migration change what one returns while Jot serves, are
 * prepared again under a new name and run once more, instead of failing once on every connection.
 * Inside a transaction the error stands: PostgreSQL has aborted the transaction by then.
 */
export function preparingAgainAfterMigrations(factory: SqlDriverAdapterFactory, names: StatementNames): SqlDriverAdapterFactory {
  const againIfStale = async (call: () => Promise<unknown>, query: SqlQuery) => {
    try {
      return await call();
    } catch (error) {
      if (!isStalePlan(error)) throw error;
      names.renew(query.sql);
      return await call();
    }
  };
  return preparedConnections(factory, (connection) => around(connection, { queryRaw: againIfStale, executeRaw: againIfStale }));
}
