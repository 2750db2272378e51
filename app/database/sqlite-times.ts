import { ColumnTypeEnum, type SqlDriverAdapter, type SqlResultSet, type Transaction } from "@prisma/driver-adapter-utils";
import { around } from "./adapter-wrappers.js";

// SQLite's CURRENT_TIMESTAMP (the columns' default, which fills rows written outside Prisma) is UTC
// written without a zone: "2026-11-23 18:30:00". Prisma reads such text as UTC in its own queries,
// but hands a raw query's text to `new Date`, which would read it in the process's time zone.
const ZONELESS = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

function zonedAsUtc(result: SqlResultSet): SqlResultSet {
  const times = result.columnTypes.flatMap((type, column) => (type === ColumnTypeEnum.DateTime ? [column] : []));
  if (times.length === 0) return result;
  for (const row of result.rows) {
    for (const column of times) {
      const value = row[column];
      if (typeof value === "string" && ZONELESS.test(value)) row[column] = `${value.replace(" ", "T")}Z`;
    }
  }
  return result;
}

/** The same connection (or transaction), with every time it reads given its zone, UTC. */
export function utcTimes<T extends SqlDriverAdapter | Transaction>(target: T): T {
  return around(target, {
    queryRaw: async (call) => zonedAsUtc((await call()) as SqlResultSet),
    startTransaction: async (call) => utcTimes((await call()) as Transaction),
  });
}
