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

/** A `since` or `Last-Event-ID` a client sends: a notification number, or undefined for nonsense. */
export function notificationSeqFrom(raw: unknown): number | undefined {
  if (typeof raw !== "string" || !/^\d{1,9}$/.test(raw)) return undefined;
  return Number(raw);
}
