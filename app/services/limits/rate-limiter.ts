import type { Limit } from "../../config.js";
import type { RateLimitRepository } from "../../repositories/rate-limit-repository.js";

const MINUTE_MS = 60_000;

/** Attempts counted ahead by `RateLimiter.reserve`: kept as they are, or given back. */
export interface Reservation {
  release(): Promise<void>;
}

/** One limited thing: its key ("post:42", "login:ip:…") and the limit it is held to. */
export interface Limited {
  key: string;
  limit: Limit;
}

/**
 * Limits over counts in the database, so that every Jot process counts together. A key's window
 * opens at its first attempt and lasts the limit's period, cut to a whole minute; the first
 * attempt after it opens the next. (Windows fixed to the clock would let twice the limit through
 * across a boundary: five wrong passwords at 10:29:59 and five more at 10:30:00.)
 */
export class RateLimiter {
  private forgottenUntil = 0;

  constructor(
    private readonly counts: RateLimitRepository,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The minute (since 1970) of now, and the one at which a window of `limit` opened now ends: the
   * last whole minute within its period, so that no one is told to wait longer than the period.
   */
  private moment(limit: Limit): { minute: number; newEnd: number } {
    const now = this.now();
    const minute = Math.floor(now / MINUTE_MS);
    return { minute, newEnd: Math.max(minute + 1, Math.floor((now + limit.periodMs) / MINUTE_MS)) };
  }

  private secondsUntil(windowEnd: number): number {
    return Math.max(1, Math.ceil((windowEnd * MINUTE_MS - this.now()) / 1000));
  }

  /**
   * Counts one attempt at `limited`; returns the seconds to wait if it goes past the limit (it is
   * refused), 0 when it may go ahead.
   */
  async take({ key, limit }: Limited): Promise<number> {
    const { minute, newEnd } = this.moment(limit);
    const { hits, windowEnd } = await this.counts.hit(key, minute, newEnd);
    await this.forgetEnded();
    return hits > limit.max ? this.secondsUntil(windowEnd) : 0;
  }

  /**
   * Counts one attempt at each of `limited` before the attempt is made, each only while under its
   * limit (one statement per key: concurrent attempts, in any process, can never all get in).
   * Returns a Reservation to keep the counts (the attempt failed) or give them back (it did not
   * count against anyone); or, when any limit is full, the seconds to wait, with nothing counted.
   */
  async reserve(limited: Limited[]): Promise<Reservation | number> {
    // First, so that nothing is left counted if it fails.
    await this.forgetEnded();
    const taken: { key: string; windowEnd: number }[] = [];
    const release = async () => {
      await Promise.all(taken.map(({ key, windowEnd }) => this.counts.unhit(key, windowEnd)));
    };
    for (const { key, limit } of limited) {
      const { minute, newEnd } = this.moment(limit);
      const { counted, windowEnd } = await this.counts.hitWithin(key, minute, newEnd, limit.max);
      if (!counted) {
        await release();
        return this.secondsUntil(windowEnd);
      }
      taken.push({ key, windowEnd });
    }
    return { release };
  }

  /** Once a minute per process, the counts of ended windows go. */
  private async forgetEnded(): Promise<void> {
    const minute = Math.floor(this.now() / MINUTE_MS);
    if (this.forgottenUntil >= minute) return;
    this.forgottenUntil = minute;
    await this.counts.forgetEndedBy(minute);
  }
}

/** "in 3 minutes", "in 40 seconds": how long a refused attempt must wait, for a message. */
export function waitInWords(seconds: number): string {
  if (seconds < 60) return `in ${seconds} ${seconds === 1 ? "second" : "seconds"}`;
  const minutes = Math.ceil(seconds / 60);
  return `in ${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
}
