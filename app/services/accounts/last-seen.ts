import type { UserRepository } from "../../repositories/user-repository.js";

/** How often at most a user's "last seen" time is written. */
export const LAST_SEEN_EVERY_MS = 60_000;
/** Users remembered per process; past it the memory starts over (a few extra writes, no more). */
const REMEMBERED_USERS = 10_000;

/**
 * Keeps each user's "last seen" time, writing it at most once a minute: this process remembers
 * when it last wrote for whom, and the write itself skips a time another process wrote within the
 * minute, so pages under load almost never write.
 */
export class LastSeen {
  private readonly written = new Map<number, number>();

  constructor(private readonly users: UserRepository) {}

  async saw(userId: number, now = new Date()): Promise<void> {
    const last = this.written.get(userId);
    if (last !== undefined && now.getTime() - last < LAST_SEEN_EVERY_MS) return;
    if (this.written.size >= REMEMBERED_USERS) this.written.clear();
    this.written.set(userId, now.getTime());
    await this.users.markSeen(userId, now, new Date(now.getTime() - LAST_SEEN_EVERY_MS));
  }
}
