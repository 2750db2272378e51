import type { ListedNotification } from "../domain/notification.js";
import type { Page, PageRequest } from "../domain/page.js";
import { linkedText, type TextPart } from "./linked-text.js";
import { DONE } from "./notification-view.js";
import { pagerView, type PagerView } from "./pager.js";
import { counted, utcTime } from "./post-list.js";
import { avatarUrl, reactedUrl, NOTIFICATIONS_URL, postUrl, profileUrl } from "./urls.js";

/** One line of the notifications page (views/notifications.eta). */
export interface NotificationItemView {
  kind: ListedNotification["kind"];
  unread: boolean;
  actor: { name: string; url: string; avatarUrl: string } | null;
  /** For a like or repost by more people: "3 others", linked to who likes (or reposted) the post. */
  others?: { text: string; url: string };
  /** What happened, after the name(s): "liked your post". */
  what: string;
  /** The post it is about: its text and its page. */
  post?: { parts: TextPart[]; url: string };
  isoTime: string;
  displayTime: string;
}

export interface NotificationListView extends PagerView {
  title: string;
  notifications: NotificationItemView[];
}

export function notificationItemView(notification: ListedNotification): NotificationItemView {
  const { actor, actorId, post } = notification;
  return {
    kind: notification.kind,
    unread: notification.unread,
    actor: actor === null || actorId === null ? null : { name: actor, url: profileUrl(actor), avatarUrl: avatarUrl(actorId) },
    ...((notification.kind === "like" || notification.kind === "repost") && post && notification.others > 0
      ? { others: { text: counted(notification.others, "other", "others"), url: reactedUrl(post.id, notification.kind) } }
      : {}),
    what: DONE[notification.kind] ?? "",
    ...(post ? { post: { parts: linkedText(post.body, post.mentions), url: postUrl(post.id) } } : {}),
    isoTime: notification.createdAt.toISOString(),
    displayTime: utcTime(notification.createdAt),
  };
}

export function notificationListView(page: Page<ListedNotification>, request: PageRequest): NotificationListView {
  return {
    title: "Notifications",
    notifications: page.items.map(notificationItemView),
    ...pagerView(page, NOTIFICATIONS_URL, request),
  };
}
