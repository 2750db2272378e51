import type { Notification, NotificationNews } from "../domain/notification.js";
import { postUrl, profileUrl } from "./urls.js";

/** A notification as the browser's script receives it, on the stream and from the fallback alike. */
export interface NotificationView {
  id: number;
  kind: Notification["kind"];
  /** The sender, follower, replier, mentioner or liker, with a link to them. */
  from: { username: string; url: string } | null;
  /** The post it is about (a reply, a mention, a liked post), if any. */
  postUrl: string | null;
  at: string;
}

/** What a browser is sent: the unread counts now, and the notifications it has not seen. */
export interface NewsView {
  /** Unread messages. */
  unread: number;
  unreadNotifications: number;
  notifications: NotificationView[];
}

export const notificationView = (notification: Notification): NotificationView => ({
  id: notification.seq,
  kind: notification.kind,
  from: notification.actor === null ? null : { username: notification.actor, url: profileUrl(notification.actor) },
  postUrl: notification.postId === null ? null : postUrl(notification.postId),
  at: notification.createdAt.toISOString(),
});

export const newsView = (news: NotificationNews): NewsView => ({
  unread: news.unreadMessages,
  unreadNotifications: news.unreadNotifications,
  notifications: news.notifications.map(notificationView),
});
