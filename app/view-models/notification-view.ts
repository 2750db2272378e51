import type { Notification, NotificationKind, NotificationNews } from "../domain/notification.js";
import { chatUrl, postUrl, profileUrl } from "./urls.js";

/** What each listed kind of notification says, after the name of whoever did it. */
export const DONE: Partial<Record<NotificationKind, string>> = {
  follower: "followed you",
  reply: "replied to your post",
  mention: "mentioned you",
  like: "liked your post",
  repost: "reposted your post",
};

/** A notification as the browser's script receives it, on the stream and from the fallback alike. */
export interface NotificationView {
  id: number;
  kind: Notification["kind"];
  /** The sender, follower, replier, mentioner, liker or reposter, with a link to them. */
  from: { username: string; url: string } | null;
  /** What the corner notice says, and where it leads; none for a read elsewhere. */
  notice: { text: string; url: string } | null;
  at: string;
}

/** What a browser is sent: the unread counts now, and the notifications it has not seen. */
export interface NewsView {
  /** Unread messages. */
  unread: number;
  unreadNotifications: number;
  notifications: NotificationView[];
}

function noticeOf({ kind, actor, postId }: Notification): NotificationView["notice"] {
  if (actor === null) return null;
  if (kind === "message") return { text: `New message from ${actor}`, url: chatUrl(actor) };
  if (kind === "follower") return { text: `${actor} is now following you`, url: profileUrl(actor) };
  const done = DONE[kind];
  return done && postId !== null ? { text: `${actor} ${done}`, url: postUrl(postId) } : null;
}

export const notificationView = (notification: Notification): NotificationView => ({
  id: notification.seq,
  kind: notification.kind,
  from: notification.actor === null ? null : { username: notification.actor, url: profileUrl(notification.actor) },
  notice: noticeOf(notification),
  at: notification.createdAt.toISOString(),
});

export const newsView = (news: NotificationNews): NewsView => ({
  unread: news.unreadMessages,
  unreadNotifications: news.unreadNotifications,
  notifications: news.notifications.map(notificationView),
});
