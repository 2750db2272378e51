import type { SessionUser } from "../../domain/user.js";
import type { UserRepository } from "../../repositories/user-repository.js";

/** How long a page trusts what this process last read about a user. */
export const RECENT_USER_MS = 60_000;
/** Users remembered per process; past it the memory starts over (a few extra reads, no more). */
const REMEMBERED_USERS = 10_000;

/**
 * The logged-in users as this process last read them, each read again once it is a minute old: a
 * page costs one user query a minute per user, not one per request, and a rename, a deleted account
 * or a new message made through another process shows within a minute. Form posts always read
 * afresh, and what this process changes about a user (a rename, a message to them, reading their
 * messages) is forgotten at once, so its pages show it at once.
 */
export class RecentUsers {
  private readonly known = new Map<number, { user: SessionUser | null; readAt: number }>();

  constructor(private readonly users: UserRepository) {}

  /** The user, read at most a minute ago; null when the account has gone. */
  async recent(id: number, now = Date.now()): Promise<SessionUser | null> {
    const known = this.known.get(id);
    if (known && now - known.readAt < RECENT_USER_MS) return known.user;
    return this.fresh(id, now);
  }

  /** The user as the database has them now; null when the account has gone. */
  async fresh(id: number, now = Date.now()): Promise<SessionUser | null> {
    const user = await this.users.sessionUser(id);
    if (this.known.size >= REMEMBERED_USERS && !this.known.has(id)) this.known.clear();
    this.known.set(id, { user, readAt: now });
    return user;
  }

  /** Something about the user changed here: their next page reads them again. */
  forget(id: number): void {
    this.known.delete(id);
  }
}
