/**
 * Tells every Jot process on a database that a user has new notifications, and nothing more: what
 * they are is read from the Notification table, so the bus may drop or repeat news without a
 * notification being lost or shown twice.
 */
export interface NewsBus {
  /** Says that `userId` has news. Called after the notification's transaction has committed. */
  announce(userId: number): Promise<void>;
  /**
   * Calls `listener` with each user who has news, in this process or another; with null when news
   * may have been missed (the bus was cut off for a while), so that every user should look.
   * Returns the way to stop listening.
   */
  listen(listener: (userId: number | null) => void): () => void;
  close(): Promise<void>;
}

/** Listeners of one process, told on the next turn of the event loop (never inside the announcer's call). */
export class Listeners {
  private readonly listeners = new Set<(userId: number | null) => void>();

  add(listener: (userId: number | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  tell(userId: number | null): void {
    setImmediate(() => {
      for (const listener of this.listeners) listener(userId);
    });
  }

}

/** SQLite: one Jot process per database file, so its news never has to leave the process. */
export class LocalNews implements NewsBus {
  private readonly listeners = new Listeners();

  async announce(userId: number): Promise<void> {
    this.listeners.tell(userId);
  }

  listen(listener: (userId: number | null) => void): () => void {
    return this.listeners.add(listener);
  }

  async close(): Promise<void> {}
}
