/**
 * What a user is told about as it happens: a message came, their messages were read (in another
 * tab or on another device), or someone followed them.
 */
export type NotificationKind = "message" | "read" | "follower";

/** One entry of a user's notification log, numbered in the order they were written. */
export interface Notification {
  seq: number;
  kind: NotificationKind;
  /** The sender or the new follower; null for "read" (or when that account has gone). */
  actor: string | null;
  createdAt: Date;
}

/** What a user has been notified of since some point, and their unread messages now. */
export interface NotificationNews {
  notifications: Notification[];
  unreadMessages: number;
}

/** Each user's log keeps this many of their newest notifications: enough to resume a stream or a poll. */
export const KEPT_NOTIFICATIONS = 100;

/** A `since` a client sends: a notification number, or undefined for nonsense. */
export function notificationSeqFrom(raw: unknown): number | undefined {
  if (typeof raw !== "string" || !/^\d{1,9}$/.test(raw)) return undefined;
  return Number(raw);
}

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
