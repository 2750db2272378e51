import type { Database } from "../database/client.js";
import { Prisma } from "../generated/prisma/client.js";

/**
 * Counts of attempts per key in fixed windows, in the database, so that every Jot process on it
 * counts together. A window is named by its end, in minutes since 1970. The same SQL on both databases.
 */
/**
 * Counts one attempt for `key` in the window ending at `windowEnd`. A count from an earlier window
 * starts over; one in a later window (made by a process whose clock runs ahead) is counted on,
 * so that a process whose clock runs behind never hands out a fresh window.
 */
const countOne = (key: string, windowEnd: number) => Prisma.sql`
  INSERT INTO "RateLimit" ("key", "windowEnd", "hits") VALUES (${key}, ${windowEnd}, 1)
  ON CONFLICT ("key") DO UPDATE SET
    "hits" = CASE WHEN "RateLimit"."windowEnd" < excluded."windowEnd" THEN 1 ELSE "RateLimit"."hits" + 1 END,
    "windowEnd" = CASE WHEN "RateLimit"."windowEnd" < excluded."windowEnd" THEN excluded."windowEnd" ELSE "RateLimit"."windowEnd" END`;

export class RateLimitRepository {
  constructor(private readonly db: Database) {}

  /** Counts one attempt for `key` in the window ending at `windowEnd` (a new window starts the count over); returns the count. */
  async hit(key: string, windowEnd: number): Promise<number> {
    const [row] = await this.db.$queryRaw<{ hits: number }[]>`${countOne(key, windowEnd)} RETURNING "hits"`;
    return row!.hits;
  }

  /**
   * Counts one attempt for `key` in the window ending at `windowEnd` only if it has had fewer than
   * `max` there: one statement, so that attempts racing each other, in any process, can never all
   * get in. Returns whether it was counted.
   */
  async hitWithin(key: string, windowEnd: number, max: number): Promise<boolean> {
    const rows = await this.db.$queryRaw<{ hits: number }[]>`
      ${countOne(key, windowEnd)} WHERE "RateLimit"."windowEnd" < excluded."windowEnd" OR "RateLimit"."hits" < ${max} RETURNING "hits"`;
    return rows.length > 0;
  }

  /** Takes back one attempt counted for `key` in the window ending at `windowEnd` or later (none once that window is over). */
  async unhit(key: string, windowEnd: number): Promise<void> {
    await this.db.$executeRaw`
      UPDATE "RateLimit" SET "hits" = "hits" - 1 WHERE "key" = ${key} AND "windowEnd" >= ${windowEnd} AND "hits" > 0`;
  }

  /** Forgets every count whose window had ended by `minute`: they no longer limit anything. */
  async forgetEndedBy(minute: number): Promise<void> {
    await this.db.$executeRaw`DELETE FROM "RateLimit" WHERE "windowEnd" <= ${minute}`;
  }
}
