import { Prisma } from "../generated/prisma/client.js";

// Prisma's codes for a database that is there but cannot serve this request now. Trying again
// later may well work, so a visitor is told so instead of being shown an error.
const TRY_AGAIN_LATER: Record<string, string> = {
  P1001: "the database server cannot be reached",
  // Also SQLite's "busy": another process kept its write lock for longer than Jot waits.
  P1008: "the database is locked by another process (a seed, a shell, a migration?) or too slow to answer",
  P1017: "the database server closed the connection",
  P2034: "a write collided with another one",
  P2037: "the database server has too many connections",
};

/** Why the database cannot serve this request now, or undefined when the error is something else. */
export function unavailability(error: unknown): string | undefined {
  return error instanceof Prisma.PrismaClientKnownRequestError ? TRY_AGAIN_LATER[error.code] : undefined;
}

/** The error says the database is busy or out of reach for a moment, not that the request was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return unavailability(error) !== undefined;
}
