import type { ActionLimitConfig } from "../../config.js";
import { RefusedError } from "../../domain/errors.js";
import type { Writer } from "../../domain/user.js";
import { waitInWords, type RateLimiter } from "./rate-limiter.js";

export type LimitedAction = keyof ActionLimitConfig;

const tooSoon = (field: string, tooMany: string, wait: number) => new RefusedError({ [field]: `${tooMany} Try again ${waitInWords(wait)}.` }, 429, wait);

/** What a user writes for others to read: refused until their address is confirmed. */
const WRITES = {
  post: { verb: "post", tooFast: "You are posting too fast." },
  message: { verb: "send messages", tooFast: "You are sending messages too fast." },
} as const;

/**
 * How often each action may be taken, per user or per address (per whatever `subject` names),
 * counted in the database so that every Jot process counts together.
 */
export class ActionLimits {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly limits: ActionLimitConfig,
  ) {}

  /**
   * Counts one `action` by `subject` ("user:42", "ip:…", …); returns the seconds to wait if it has
   * gone past its limit (the action is refused), 0 when it may go ahead.
   */
  async take(action: LimitedAction, subject: string): Promise<number> {
    return this.limiter.take({ key: `${action}:${subject}`, limit: this.limits[action] });
  }

  /**
   * Lets `user` post or send a message, or throws RefusedError on `field`: 403 until their address
   * is confirmed, 429 past the limit (which is counted only for confirmed users).
   */
  async mayWrite(user: Writer, action: keyof typeof WRITES, field: string): Promise<void> {
    const { verb, tooFast } = WRITES[action];
    if (!user.emailVerified) {
      throw new RefusedError({ [field]: `Confirm your email address before you ${verb}: open the link we sent to ${user.email}, or ask for a new one above.` }, 403);
    }
    await this.within(action, `user:${user.id}`, field, tooFast);
  }

  /**
   * Counts one `action` by `subject`; past the limit, throws RefusedError (429) on `field`:
   * `tooMany`, then how long to wait.
   */
  async within(action: LimitedAction, subject: string, field: string, tooMany: string): Promise<void> {
    const wait = await this.take(action, subject);
    if (wait > 0) throw tooSoon(field, tooMany, wait);
  }

  /**
   * Runs `attempt`, one `action` by `subject`, which counts only if it succeeds: it is counted before
   * it runs (so attempts at once cannot all get past the limit), and given back if it throws. Past
   * the limit, RefusedError (429) on `field` without running it.
   */
  async counting<T>(action: LimitedAction, subject: string, field: string, tooMany: string, attempt: () => Promise<T>): Promise<T> {
    const reserved = await this.limiter.reserve([{ key: `${action}:${subject}`, limit: this.limits[action] }]);
    if (typeof reserved === "number") throw tooSoon(field, tooMany, reserved);
    try {
      return await attempt();
    } catch (error) {
      await reserved.release().catch(() => undefined);
      throw error;
    }
  }
}
