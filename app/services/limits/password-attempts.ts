import type { LoginLimitConfig } from "../../config.js";
import { RefusedError } from "../../domain/errors.js";
import { usernameKey, usernameProblem } from "../../domain/user.js";
import { waitInWords, type Limited, type RateLimiter } from "./rate-limiter.js";

/**
 * Who is trying a password: the client's address (as limits count it), and the device id under
 * which this browser has signed in to an account before, while its password hash was `credential`.
 */
export interface Asker {
  address: string;
  knownDevice(userId: number, credential: string): string | undefined;
}

/** Whose password is tried: an account's (with its password hash), or that of a name no account has (counted all the same). */
export type Claimed = { userId: number; credential: string } | { name: string };

/**
 * How many wrong passwords are let through, across every Jot process: per account (whoever tries
 * it, so guessing one password is slow from any number of addresses) and per address (so guessing
 * across many accounts from one address is slow too). A browser the account has signed in on before
 * has a limit of its own instead, so that locking an account for strangers locks out no owner.
 * Each attempt is counted before its password is checked: concurrent attempts can never check more
 * passwords than the limit.
 */
export class PasswordAttempts {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly limits: LoginLimitConfig,
  ) {}

  private limited(claimed: Claimed, asker: Asker): Limited[] {
    const device = "userId" in claimed ? asker.knownDevice(claimed.userId, claimed.credential) : undefined;
    if (device !== undefined) return [{ key: `password:device:${device}`, limit: this.limits.perDevice }];
    // A name no one could have registered (too long for a key, a NUL in it) is counted as one.
    const account =
      "userId" in claimed
        ? `password:user:${claimed.userId}`
        : `password:name:${usernameProblem(claimed.name.trim()) ? "(not a username)" : usernameKey(claimed.name.trim())}`;
    return [
      { key: account, limit: this.limits.perUsername },
      { key: `password:ip:${asker.address}`, limit: this.limits.perAddress },
    ];
  }

  /**
   * Runs `check`, one check of a password (true when it is right), if the limits let it. The
   * attempt is counted first; a wrong password keeps the count, a right one gives it back, as does a
   * check that could not be made. Past a limit the password is not checked at all: RefusedError
   * (429) on `field`, `tooMany` and how long to wait.
   */
  async check(claimed: Claimed, asker: Asker, refusal: { field: string; tooMany: string }, check: () => Promise<boolean>): Promise<boolean> {
    const reserved = await this.limiter.reserve(this.limited(claimed, asker));
    if (typeof reserved === "number") {
      throw new RefusedError({ [refusal.field]: `${refusal.tooMany} Try again ${waitInWords(reserved)}.` }, 429, reserved);
    }
    let right: boolean;
    try {
      right = await check();
    } catch (error) {
      // The check's own error is the one worth reporting, whatever becomes of the release.
      await reserved.release().catch(() => undefined);
      throw error;
    }
    if (right) await reserved.release();
    return right;
  }
}
