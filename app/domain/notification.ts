import type { Mentions } from "./mentions.js";
import { idFrom } from "./page.js";
import type { Reaction } from "./reaction.js";

/**
 * What a user is told about as it happens: a message came, their messages or notifications were
 * read (in another tab or on another device), someone followed them, answered or mentioned them,
 * or liked or reposted their post.
 */
export type NotificationKind = "message" | "read" | "follower" | "reply" | "mention" | Reaction;

/** The kinds the notifications page lists (and its badge counts): messages have a page of their own. */
export const LISTED_KINDS: readonly NotificationKind[] = ["follower", "reply", "mention", "like", "repost"];

/** One entry of a user's notification log, numbered in the order they were written. */
export interface Notification {
  seq: number;
  kind: NotificationKind;
  /** The sender, follower, replier, mentioner, or newest liker or reposter; null for "read" (or when that account has gone). */
  actor: string | null;
  actorId: number | null;
  /** The post it is about (a reply, a mention, a liked or reposted post), if any. */
  postId: number | null;
  createdAt: Date;
}

/** What a user has been notified of since some point, and their unread messages and notifications now. */
export interface NotificationNews {
  notifications: Notification[];
  unreadMessages: number;
  unreadNotifications: number;
}

/** A notification on the page: with the post it is about, and for a like or repost how many others did so too. */
export interface ListedNotification extends Notification {
  post: { id: number; body: string; mentions: Mentions } | null;
  /** For a like or repost: the other people who like (or reposted) the post now, besides the one named. */
  others: number;
  /** Whether it came after the newest one the user had seen on the page. */
  unread: boolean;
}

/**
 * Each user's log keeps this many of their newest notifications: enough to resume a stream or a
 * poll, and the history the notifications page can show.
 */
export const KEPT_NOTIFICATIONS = 500;

/** The unread count stops at this many: a badge says "99+" past it, and counting stops there too. */
export const MOST_UNREAD_COUNTED = 100;

/** A `since` a client sends: a notification number, or undefined for nonsense. */
export const notificationSeqFrom = (raw: unknown): number | undefined => idFrom(raw);

/**
 * A stream's event id: the user's and the notification's numbers. A browser sends the last one
 * back when it reconnects, possibly with another user's cookie by then (a logout and a login in
 * another tab): an id of someone else's log means nothing to this user.
 */
export const eventId = (userId: number, seq: number) => `${userId}-${seq}`;

/** The notification number in a Last-Event-ID, if it is one of `userId`'s event ids. */
export function seqFromEventId(userId: number, raw: unknown): number | undefined {
  const match = typeof raw === "string" ? /^(\d{1,9})-(\d{1,9})$/.exec(raw) : null;
  return match && Number(match[1]) === userId ? Number(match[2]) : undefined;
}
