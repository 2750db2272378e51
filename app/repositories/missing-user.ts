import { NotFoundError } from "../domain/errors.js";
import { Prisma } from "../generated/prisma/client.js";

/**
 * Whether a write failed because a row it names is not there: a foreign key with nothing to point
 * at (the driver adapters say so alike on both databases), or an update of a row that has gone.
 */
function isMissingRow(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === "P2025") return true;
  const cause = (error.meta as { driverAdapterError?: { cause?: { kind?: string } } } | undefined)?.driverAdapterError?.cause;
  return cause?.kind === "ForeignKeyConstraintViolation";
}

/**
 * Runs a write that names users. Every such user was read just before, but may be deleted between
 * that read and the write: the write then fails as the read would have a moment later, with
 * NotFoundError (a 404 page), never a database error.
 */
export async function whileUsersExist<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isMissingRow(error)) throw new NotFoundError("User");
    throw error;
  }
}
