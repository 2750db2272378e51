import type { LoginLimitConfig } from "../config.js";
import { usernameKey } from "../domain/user.js";
import type { RateLimitRepository } from "../repositories/rate-limit-repository.js";

/**
 * How many failed sign-ins are let through: per username (whoever tries it, so guessing one
 * account's password is slow from any number of addresses) and per address (so guessing across
 * many accounts from one address is slow too), counted in fixed periods in the database, across
 * every Jot process. A blocked attempt is refused before its password is checked.
 */
export class LoginLimits {
  private forgottenBefore = 0;

  constructor(
    private readonly counts: RateLimitRepository,
    private readonly limits: LoginLimitConfig,
    private readonly now: () => number = Date.now,
  ) {}

  private keys(username: string, address: string): { byName: string; byAddress: string } {
    return { byName: `login:user:${usernameKey(username.trim())}`, byAddress: `login:ip:${address}` };
  }

  private period(): number {
    return Math.floor(this.now() / this.limits.periodMs);
  }

  /** Whole minutes until a sign-in for `username` from `address` may be tried again; 0 when it may be now. */
  async minutesToWait(username: string, address: string): Promise<number> {
    const { byName, byAddress } = this.keys(username, address);
    const period = this.period();
    const [byNameHits, byAddressHits] = await this.counts.hitsOf([byName, byAddress], period);
    if (byNameHits! < this.limits.perUsername && byAddressHits! < this.limits.perAddress) return 0;
    return Math.ceil(((period + 1) * this.limits.periodMs - this.now()) / 60_000);
  }

  /** Counts a failed sign-in for `username` from `address`. */
  async failed(username: string, address: string): Promise<void> {
    const { byName, byAddress } = this.keys(username, address);
    const period = this.period();
    await Promise.all([this.counts.hit(byName, period), this.counts.hit(byAddress, period)]);
    // Once a period per process, the counts of earlier periods go.
    if (this.forgottenBefore < period) {
      this.forgottenBefore = period;
      await this.counts.forgetBefore(period);
    }
  }
}
