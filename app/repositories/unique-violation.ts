import { Prisma } from "../generated/prisma/client.js";

/**
 * The columns of a unique index a write collided with, or undefined when the error is something else.
 * Prisma reports P2002; through a driver adapter the columns sit in the adapter's error cause.
 */
export function uniqueViolationFields(error: unknown): string[] | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return undefined;
  const meta = error.meta as
    | { target?: string[] | string; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } }
    | undefined;
  const fields = meta?.driverAdapterError?.cause?.constraint?.fields ?? meta?.target ?? [];
  return Array.isArray(fields) ? fields : [fields];
}
