import type { LoginLimitConfig } from "../config.js";
import { usernameKey, usernameProblem } from "../domain/user.js";
import type { Limited, RateLimiter } from "./rate-limiter.js";

/**
 * How many failed sign-ins are let through: per username (whoever tries it, so guessing one
 * account's password is slow from any number of addresses) and per address (so guessing across
 * many accounts from one address is slow too), across every Jot process. A blocked attempt is
 * refused before its password is checked.
 */
export class LoginLimits {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly limits: LoginLimitConfig,
  ) {}

  private limited(username: string, address: string): Limited[] {
    const name = username.trim();
    // A name no one could have registered (too long for a key, a NUL in it) is counted as one.
    const byName = usernameProblem(name) ? "login:user:(not a username)" : `login:user:${usernameKey(name)}`;
    return [
      { key: byName, limit: this.limits.perUsername },
      { key: `login:ip:${address}`, limit: this.limits.perAddress },
    ];
  }

  /** Seconds until a sign-in for `username` from `address` may be tried again; 0 when it may be now. */
  async secondsToWait(username: string, address: string): Promise<number> {
    return this.limiter.waitFor(this.limited(username, address));
  }

  /** Counts a failed sign-in for `username` from `address`. */
  async failed(username: string, address: string): Promise<void> {
    await this.limiter.count(this.limited(username, address));
  }
}
