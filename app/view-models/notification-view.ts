import type { Notification, NotificationNews } from "../domain/notification.js";
import { profileUrl } from "./urls.js";

/** A notification as the browser's script receives it, on the stream and from the fallback alike. */
export interface NotificationView {
  id: number;
  kind: Notification["kind"];
  /** The sender or new follower, with a link to them. */
  from: { username: string; url: string } | null;
  at: string;
}

/** What a browser is sent: the unread count now, and the notifications it has not seen. */
export interface NewsView {
  unread: number;
  notifications: NotificationView[];
}

export const notificationView = (notification: Notification): NotificationView => ({
  id: notification.seq,
  kind: notification.kind,
  from: notification.actor === null ? null : { username: notification.actor, url: profileUrl(notification.actor) },
  at: notification.createdAt.toISOString(),
});

export const newsView = (news: NotificationNews): NewsView => ({
  unread: news.unreadMessages,
  notifications: news.notifications.map(notificationView),
});
