import type { Database } from "../database/client.js";
import type { NewsBus } from "../database/news.js";
import { KEPT_NOTIFICATIONS, type NotificationKind, type NotificationNews } from "../domain/notification.js";
import type { Prisma } from "../generated/prisma/client.js";
import { toNotification, type NotificationRow } from "../mappers/notification-mapper.js";
import { UNREAD_MESSAGES } from "./unread-messages.js";

/** The most notifications one read returns; a client that is further behind reads again from the last. */
const NEWS_BATCH = 50;

/**
 * Writes a notification for `userId` inside the transaction `tx` that makes what it tells of (a
 * message, a read, a follow), so there is never one without the other. Taking the user's next
 * number locks their row until the commit: a user's notifications commit in the order of their
 * numbers, and a reader that has seen number n has seen everything before it. Every so often the
 * user's oldest notifications are dropped.
 */
export async function addNotification(
  tx: Prisma.TransactionClient,
  userId: number,
  kind: NotificationKind,
  actorId: number | null,
  at: Date,
): Promise<void> {
  const [row] = await tx.$queryRaw<{ seq: number }[]>`
    UPDATE "User" SET "notificationSeq" = "notificationSeq" + 1 WHERE "id" = ${userId} RETURNING "notificationSeq" AS "seq"`;
  const seq = row!.seq;
  await tx.$executeRaw`
    INSERT INTO "Notification" ("userId", "seq", "kind", "actorId", "createdAt") VALUES (${userId}, ${seq}, ${kind}, ${actorId}, ${at})`;
  if (seq % KEPT_NOTIFICATIONS === 0) {
    await tx.$executeRaw`DELETE FROM "Notification" WHERE "userId" = ${userId} AND "seq" <= ${seq - KEPT_NOTIFICATIONS}`;
  }
}

/** Each user's notification log, and the news bus that says when there is more of it. */
export class NotificationRepository {
  constructor(
    private readonly db: Database,
    private readonly news: NewsBus,
  ) {}

  /**
   * A user's notifications after number `afterSeq`, oldest first (at most NEWS_BATCH), their
   * unread message count, and their session version (null once the account is gone): one
   * statement. Without `afterSeq`, no notifications: only the count and the number to follow on
   * from (`latest`).
   */
  async since(userId: number, afterSeq: number | undefined): Promise<NotificationNews & { latest: number; sessionVersion: number | null }> {
    const rows = await this.db.$queryRaw<(NotificationRow & { latest: number; unread: bigint | number; sessionVersion: number })[]>`
      SELECT n."seq", n."kind", a."username" AS "actor", n."createdAt", u."notificationSeq" AS "latest", ${UNREAD_MESSAGES} AS "unread",
        u."sessionVersion"
      FROM "User" u
      LEFT JOIN "Notification" n ON n."userId" = u."id" AND n."seq" > ${afterSeq ?? 2 ** 31 - 1}
      LEFT JOIN "User" a ON a."id" = n."actorId"
      WHERE u."id" = ${userId}
      ORDER BY n."seq" LIMIT ${NEWS_BATCH}`;
    const first = rows[0];
    return {
      notifications: rows.filter((row) => row.seq !== null).map(toNotification),
      unreadMessages: Number(first?.unread ?? 0),
      latest: first?.latest ?? 0,
      sessionVersion: first?.sessionVersion ?? null,
    };
  }

  /** Tells every Jot process that `userId` has news; after the commit that made it. */
  async announce(userId: number): Promise<void> {
    await this.news.announce(userId);
  }

  /** Calls `listener` with each user who has news (null: anyone may have). Returns the way to stop. */
  listen(listener: (userId: number | null) => void): () => void {
    return this.news.listen(listener);
  }
}
