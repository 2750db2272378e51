import type { Notification, NotificationKind } from "../domain/notification.js";

/** A notification with its actor's name, as NotificationRepository.since selects it. */
export interface NotificationRow {
  seq: number;
  kind: string;
  actor: string | null;
  createdAt: Date;
}

export const toNotification = (row: NotificationRow): Notification => ({
  seq: row.seq,
  // Only NotificationRepository writes the column, with a NotificationKind.
  kind: row.kind as NotificationKind,
  actor: row.actor,
  createdAt: row.createdAt,
});
