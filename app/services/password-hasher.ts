import argon2 from "argon2";
import type { Argon2Cost } from "../config.js";

export class PasswordHasher {
  // A real hash of a throwaway password, verified against when a login names no user,
  // so that "no such user" takes as long as "wrong password".
  private readonly dummyHash: Promise<string>;

  constructor(private readonly cost: Argon2Cost) {
    this.dummyHash = this.hash("jot-dummy-password-never-matches");
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id, ...this.cost });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false; // a malformed stored hash never lets anyone in
    }
  }

  /**
   * Whether a stored hash was made otherwise than Jot now hashes (another argon2 variant, or
   * other costs, as when the costs are raised): it is made again at the next successful login.
   */
  isOutdated(hash: string): boolean {
    try {
      return !hash.startsWith("$argon2id$") || argon2.needsRehash(hash, this.cost);
    } catch {
      return false; // a malformed stored hash lets no one in, so it is never reached
    }
  }

  /** Spends the time of one verification without any hash to check against. */
  async verifyNothing(password: string): Promise<void> {
    await this.verify(await this.dummyHash, password);
  }
}
