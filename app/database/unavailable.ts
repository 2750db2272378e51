import { Prisma } from "../generated/prisma/client.js";

// Prisma's codes for a database that is there but cannot serve this request now: not reachable
// (P1001), timed out or, on SQLite, still locked by another process (P1008), connection closed
// (P1017), a write conflict or deadlock (P2034), too many connections (P2037). Trying again later
// may well work, so the visitor is told so instead of being shown an error.
const TRY_AGAIN_LATER = new Set(["P1001", "P1008", "P1017", "P2034", "P2037"]);

/** The error says the database is busy or out of reach for a moment, not that the request was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && TRY_AGAIN_LATER.has(error.code);
}
