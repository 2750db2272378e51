import type { Database } from "../database/client.js";
import { Prisma } from "../generated/prisma/client.js";

/**
 * Counts of attempts per key in fixed windows, in the database, so that every Jot process on it
 * counts together. A window is named by its end, in minutes since 1970. The same SQL on both databases.
 */
export class RateLimitRepository {
  constructor(private readonly db: Database) {}

  /** Counts one attempt for `key` in the window ending at `windowEnd` (a new window starts the count over); returns the count. */
  async hit(key: string, windowEnd: number): Promise<number> {
    const [row] = await this.db.$queryRaw<{ hits: number }[]>`
      INSERT INTO "RateLimit" ("key", "windowEnd", "hits") VALUES (${key}, ${windowEnd}, 1)
      ON CONFLICT ("key") DO UPDATE SET
        "hits" = CASE WHEN "RateLimit"."windowEnd" = excluded."windowEnd" THEN "RateLimit"."hits" + 1 ELSE 1 END,
        "windowEnd" = excluded."windowEnd"
      RETURNING "hits"`;
    return row!.hits;
  }

  /** The attempts each key has had in the window ending at its `windowEnd` (none: 0): one statement. */
  async hitsOf(windows: { key: string; windowEnd: number }[]): Promise<number[]> {
    const rows = await this.db.$queryRaw<{ key: string; windowEnd: number; hits: number }[]>`
      SELECT "key", "windowEnd", "hits" FROM "RateLimit" WHERE "key" IN (${Prisma.join(windows.map((w) => w.key))})`;
    return windows.map(({ key, windowEnd }) => rows.find((row) => row.key === key && row.windowEnd === windowEnd)?.hits ?? 0);
  }

  /** Forgets every count whose window had ended by `minute`: they no longer limit anything. */
  async forgetEndedBy(minute: number): Promise<void> {
    await this.db.$executeRaw`DELETE FROM "RateLimit" WHERE "windowEnd" <= ${minute}`;
  }
}
