import type { NotificationNews } from "../../domain/notification.js";
import type { NotificationRepository } from "../../repositories/notification-repository.js";

/** What a poll is answered: the news, and the number to ask after next time. */
export interface PolledNews extends NotificationNews {
  last: number;
}

/** Notifications for a browser that polls instead of streaming. */
export class NotificationService {
  constructor(private readonly notifications: NotificationRepository) {}

  /**
   * A user's notifications after `since` (none without it: only the unread count and where the
   * log stands), and the number to poll after next. A `since` past the end of the log (a stale or
   * forged number) follows on from the end.
   */
  async since(userId: number, since: number | undefined): Promise<PolledNews> {
    const { notifications, unreadMessages, latest } = await this.notifications.since(userId, since);
    const last = notifications.at(-1)?.seq ?? Math.min(since ?? latest, latest);
    return { notifications, unreadMessages, last };
  }
}
