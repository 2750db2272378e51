import { Prisma } from "../generated/prisma/client.js";

interface UniqueViolationCause {
  constraint?: { fields?: string[]; index?: string };
  table?: string;
}

/**
 * The columns of a unique index a write collided with, or undefined when the error is something else
 * or does not say.
 * Prisma reports P2002 on both databases, but through the driver adapter SQLite names the columns
 * while PostgreSQL names only the index. Prisma names unique indexes `Model_column1_column2_key`,
 * and Jot's columns are camelCase, so the columns can be read back from the index name.
 */
export function uniqueViolationFields(error: unknown): string[] | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return undefined;
  const meta = error.meta as { modelName?: string; driverAdapterError?: { cause?: UniqueViolationCause } } | undefined;
  const cause = meta?.driverAdapterError?.cause;
  if (cause?.constraint?.fields) return cause.constraint.fields;
  const index = cause?.constraint?.index ?? "";
  const prefix = `${cause?.table ?? meta?.modelName}_`;
  if (!index.startsWith(prefix) || !index.endsWith("_key")) return undefined;
  return index.slice(prefix.length, -"_key".length).split("_");
}
