import { Prisma } from "../generated/prisma/client.js";

// The driver's kinds of error for a database that is there but cannot serve this request now.
// Trying again later may well work, so a visitor is told so instead of being shown an error.
const TRY_AGAIN_LATER: Record<string, string> = {
  DatabaseNotReachable: "the database server cannot be reached",
  // Also SQLite's "busy": another process kept its write lock for longer than Jot waits.
  SocketTimeout: "the database is locked by another process (a seed, a shell, a migration?) or too slow to answer",
  ConnectionClosed: "the database server closed the connection",
  TransactionWriteConflict: "a write collided with another one",
  TooManyConnections: "the database server has too many connections",
};

// Prisma's own codes for the same, for errors that do not carry the driver's kind.
const KIND_OF_CODE: Record<string, string> = {
  P1001: "DatabaseNotReachable",
  P1008: "SocketTimeout",
  P1017: "ConnectionClosed",
  P2034: "TransactionWriteConflict",
  P2037: "TooManyConnections",
};

/** Why the database cannot serve this request now, or undefined when the error is something else. */
export function unavailability(error: unknown): string | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  // A raw query's failure (P2010) names only the driver's kind of error.
  const meta = error.meta as { driverAdapterError?: { cause?: { kind?: string } } } | undefined;
  const kind = meta?.driverAdapterError?.cause?.kind ?? KIND_OF_CODE[error.code];
  return kind === undefined ? undefined : TRY_AGAIN_LATER[kind];
}

/** The error says the database is busy or out of reach for a moment, not that the request was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return unavailability(error) !== undefined;
}
