import type { Database } from "../database/client.js";
import { Prisma } from "../generated/prisma/client.js";

/**
 * Counts of attempts per key, in the database, so that every Jot process on it counts together. A
 * key's window opens at its first attempt and is named by its end, in minutes since 1970; the next
 * attempt after it starts a new one. The same SQL on both databases.
 */
/**
 * Counts one attempt for `key` at `minute`: on, in its window if that is still open (also one
 * opened by a process whose clock runs ahead), or as the first of a new window ending at `newEnd`.
 */
const countOne = (key: string, minute: number, newEnd: number) => Prisma.sql`
  INSERT INTO "RateLimit" ("key", "windowEnd", "hits") VALUES (${key}, ${newEnd}, 1)
  ON CONFLICT ("key") DO UPDATE SET
    "hits" = CASE WHEN "RateLimit"."windowEnd" <= ${minute} THEN 1 ELSE "RateLimit"."hits" + 1 END,
    "windowEnd" = CASE WHEN "RateLimit"."windowEnd" <= ${minute} THEN excluded."windowEnd" ELSE "RateLimit"."windowEnd" END`;

/** A key's count, and the minute its window ends. */
export interface Count {
  hits: number;
  windowEnd: number;
}

export class RateLimitRepository {
  constructor(private readonly db: Database) {}

  /** Counts one attempt for `key` at `minute` (see countOne); returns the count and when its window ends. */
  async hit(key: string, minute: number, newEnd: number): Promise<Count> {
    const [row] = await this.db.$queryRaw<Count[]>`${countOne(key, minute, newEnd)} RETURNING "hits", "windowEnd"`;
    return row!;
  }

  /**
   * Counts one attempt for `key` at `minute` only if its window has had fewer than `max`: one
   * statement, so that attempts racing each other, in any process, can never all get in. Returns
   * whether it was counted, and when the window it was counted in (or refused by) ends.
   */
  async hitWithin(key: string, minute: number, newEnd: number, max: number): Promise<{ counted: boolean; windowEnd: number }> {
    const [row] = await this.db.$queryRaw<Count[]>`
      ${countOne(key, minute, newEnd)} WHERE "RateLimit"."windowEnd" <= ${minute} OR "RateLimit"."hits" < ${max} RETURNING "hits", "windowEnd"`;
    if (row) return { counted: true, windowEnd: row.windowEnd };
    const [full] = await this.db.$queryRaw<Count[]>`SELECT "hits", "windowEnd" FROM "RateLimit" WHERE "key" = ${key}`;
    // Gone meanwhile (forgotten as ended): nothing holds the attempt back but this moment.
    return { counted: false, windowEnd: full?.windowEnd ?? minute + 1 };
  }

  /** Takes back one attempt counted for `key` in the window ending at `windowEnd` (none once another window has begun). */
  async unhit(key: string, windowEnd: number): Promise<void> {
    await this.db.$executeRaw`
      UPDATE "RateLimit" SET "hits" = "hits" - 1 WHERE "key" = ${key} AND "windowEnd" = ${windowEnd} AND "hits" > 0`;
  }

  /** Forgets every count whose window had ended by `minute`: they no longer limit anything. */
  async forgetEndedBy(minute: number): Promise<void> {
    await this.db.$executeRaw`DELETE FROM "RateLimit" WHERE "windowEnd" <= ${minute}`;
  }
}
