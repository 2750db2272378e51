import type { ListedNotification, NotificationNews } from "../../domain/notification.js";
import { PAGE_SIZE, type Page, type PageRequest } from "../../domain/page.js";
import type { NotificationRepository } from "../../repositories/notification-repository.js";
import type { RecentUsers } from "../accounts/recent-users.js";

/** What a poll is answered: the news, and the number to ask after next time. */
export interface PolledNews extends NotificationNews {
  last: number;
}

/** The notifications page, and the news a browser polls for when it cannot stream. */
export class NotificationService {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly recentUsers: RecentUsers,
  ) {}

  /**
   * A user's notifications after `since` (none without it: only the unread counts and where the
   * log stands), and the number to poll after next. A `since` past the end of the log (a stale or
   * forged number) follows on from the end.
   */
  async since(userId: number, since: number | undefined): Promise<PolledNews> {
    const { notifications, unreadMessages, unreadNotifications, latest } = await this.notifications.since(userId, since);
    const last = notifications.at(-1)?.seq ?? Math.min(since ?? latest, latest);
    return { notifications, unreadMessages, unreadNotifications, last };
  }

  /**
   * A page of a user's notifications, newest first, those they had not seen marked unread. Opening
   * the newest page reads them all (and tells the user's other tabs); an older page reads nothing.
   */
  async page(userId: number, request: PageRequest): Promise<Page<ListedNotification>> {
    const page = await this.notifications.page(userId, request, PAGE_SIZE);
    const newest = page.items[0];
    if (request.kind === "first" && newest?.unread && (await this.notifications.markReadUpTo(userId, newest.seq))) {
      // This process's next page shows the badge gone at once; the news tells the other processes.
      this.recentUsers.forget(userId);
      await this.notifications.announce(userId);
    }
    return page;
  }
}
