import { parseOptions } from "@node-rs/argon2";
import type { Argon2Cost, HashingLimits } from "../../config.js";
import { Argon2Threads } from "../../hashing/argon2-threads.js";

// The binding's Algorithm and Version are const enums, with nothing behind them at run time.
const ARGON2ID = 2;
const VERSION_19 = 1;

function readable(hash: string): boolean {
  try {
    parseOptions(hash);
    return true;
  } catch {
    return false;
  }
}

/**
 * argon2id hashes and checks of passwords, on threads of their own at a lower CPU priority
 * (Argon2Threads): a process runs only so many at once and lets only so many wait, so a flood of
 * password checks answers BusyError (503) rather than starving everyone else's requests.
 */
export class PasswordHasher {
  // A real hash of a throwaway password, verified against when a login names no user,
  // so that "no such user" takes as long as "wrong password".
  private readonly dummyHash: Promise<string>;
  private readonly threads: Argon2Threads;

  constructor(
    private readonly cost: Argon2Cost,
    limits: HashingLimits,
  ) {
    this.threads = new Argon2Threads(limits);
    this.dummyHash = this.hash("jot-dummy-password-never-matches");
    // A server closed before it was made (a quick test, a failed start) has no one waiting for it:
    // that is not an unhandled failure. Anyone who does wait still hears of it.
    this.dummyHash.catch(() => undefined);
  }

  hash(password: string): Promise<string> {
    return this.threads.hash(password, { algorithm: ARGON2ID, ...this.cost });
  }

  /** Whether `password` is the one `hash` was made from; a stored hash argon2 cannot read lets no one in. */
  async verify(hash: string, password: string): Promise<boolean> {
    if (!readable(hash)) return false;
    return this.threads.verify(hash, password);
  }

  /** Throws BusyError when a password given now would be refused (too many hashes under way and waiting). */
  refuseWhenFull(): void {
    this.threads.refuseWhenFull();
  }

  /**
   * Whether a stored hash was made otherwise than Jot now hashes (another argon2 variant or
   * version, or other costs, as when the costs are raised): it is made again at the next successful login.
   */
  isOutdated(hash: string): boolean {
    try {
      const made = parseOptions(hash);
      const { memoryCost, timeCost, parallelism } = this.cost;
      return (
        made.algorithm !== ARGON2ID ||
        made.version !== VERSION_19 ||
        made.memoryCost !== memoryCost ||
        made.timeCost !== timeCost ||
        made.parallelism !== parallelism
      );
    } catch {
      return false; // a malformed stored hash lets no one in, so it is never reached
    }
  }

  /** Spends the time of one verification without any hash to check against. */
  async verifyNothing(password: string): Promise<void> {
    await this.verify(await this.dummyHash, password);
  }

  /** Ends the hashing threads (the server is closing). */
  close(): Promise<void> {
    return this.threads.close();
  }
}
