import { decodeMentions } from "../domain/mentions.js";
import type { ListedNotification, Notification, NotificationKind } from "../domain/notification.js";
import type { Cursor } from "../domain/page.js";

/** A notification with its actor's name, as NotificationRepository.since selects it. */
export interface NotificationRow {
  seq: number;
  kind: string;
  actor: string | null;
  actorId: number | null;
  postId: number | null;
  createdAt: Date;
}

/** A notification as the page lists it: with the post's text, whether it is unread, and a like's other likers. */
export interface ListedNotificationRow extends NotificationRow {
  postBody: string | null;
  postMentions: string | null;
  unread: boolean | number | bigint;
  others: number | bigint | null;
}

export const toNotification = (row: NotificationRow): Notification => ({
  seq: row.seq,
  // Only NotificationRepository writes the column, with a NotificationKind.
  kind: row.kind as NotificationKind,
  actor: row.actor,
  actorId: row.actorId,
  postId: row.postId,
  createdAt: row.createdAt,
});

export const toListedNotification = (row: ListedNotificationRow): ListedNotification => ({
  ...toNotification(row),
  post: row.postId === null || row.postBody === null ? null : { id: row.postId, body: row.postBody, mentions: decodeMentions(row.postMentions ?? "") },
  // Computed by the statement: a bigint from PostgreSQL's driver, 0 or 1 for SQLite's booleans.
  others: Math.max(0, Number(row.others ?? 0)),
  unread: Boolean(row.unread),
});

/** A listed notification's place in the page order: its time, then its number. */
export const notificationCursor = (notification: ListedNotification): Cursor => ({ createdAt: notification.createdAt, id: notification.seq });
