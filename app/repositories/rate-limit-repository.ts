import type { Database } from "../database/client.js";
import { Prisma } from "../generated/prisma/client.js";

/**
 * Counts of attempts per key in fixed periods, in the database, so that every Jot process on it
 * counts together. The same SQL on both databases.
 */
export class RateLimitRepository {
  constructor(private readonly db: Database) {}

  /** Counts one attempt for `key` in period `period` (a new period starts the count over); returns the count. */
  async hit(key: string, period: number): Promise<number> {
    const [row] = await this.db.$queryRaw<{ hits: number }[]>`
      INSERT INTO "RateLimit" ("key", "period", "hits") VALUES (${key}, ${period}, 1)
      ON CONFLICT ("key") DO UPDATE SET
        "hits" = CASE WHEN "RateLimit"."period" = excluded."period" THEN "RateLimit"."hits" + 1 ELSE 1 END,
        "period" = excluded."period"
      RETURNING "hits"`;
    return row!.hits;
  }

  /** The attempts each of `keys` has had in period `period` (none: 0): one statement. */
  async hitsOf(keys: string[], period: number): Promise<number[]> {
    const rows = await this.db.$queryRaw<{ key: string; hits: number }[]>`
      SELECT "key", "hits" FROM "RateLimit" WHERE "key" IN (${Prisma.join(keys)}) AND "period" = ${period}`;
    return keys.map((key) => rows.find((row) => row.key === key)?.hits ?? 0);
  }

  /** Forgets every count from before period `period`: they no longer limit anything. */
  async forgetBefore(period: number): Promise<void> {
    await this.db.$executeRaw`DELETE FROM "RateLimit" WHERE "period" < ${period}`;
  }
}
