import type { Database } from "../database/client.js";
import type { NewsBus } from "../database/news.js";
import {
  KEPT_NOTIFICATIONS,
  LISTED_KINDS,
  type ListedNotification,
  type NotificationKind,
  type NotificationNews,
} from "../domain/notification.js";
import type { Page, PageRequest } from "../domain/page.js";
import type { Reaction } from "../domain/reaction.js";
import { Prisma } from "../generated/prisma/client.js";
import { toListedNotification, toNotification, notificationCursor, type ListedNotificationRow, type NotificationRow } from "../mappers/notification-mapper.js";
import { limit, pageOrder, pastCursor, toPage, where } from "./keyset.js";
import { UNREAD_MESSAGES, UNREAD_NOTIFICATIONS } from "./unread-counts.js";

/** The most notifications one read returns; a client that is further behind reads again from the last. */
const NEWS_BATCH = 50;

const LISTED = Prisma.join(LISTED_KINDS);

/**
 * Writes a notification for `userId` inside the transaction `tx` that makes what it tells of (a
 * message, a read, a follow, a reply, a mention, a like), so there is never one without the other.
 * Taking the user's next number locks their row until the commit: a user's notifications commit in
 * the order of their numbers, and a reader that has seen number n has seen everything before it.
 * Every so often the user's oldest notifications are dropped. A user who has just gone is told
 * nothing.
 */
export async function addNotification(
  tx: Prisma.TransactionClient,
  userId: number,
  kind: NotificationKind,
  actorId: number | null,
  at: Date,
  postId: number | null = null,
): Promise<void> {
  const [row] = await tx.$queryRaw<{ seq: number }[]>`
    UPDATE "User" SET "notificationSeq" = "notificationSeq" + 1 WHERE "id" = ${userId} RETURNING "notificationSeq" AS "seq"`;
  if (!row) return;
  const seq = row.seq;
  await tx.$executeRaw`
    INSERT INTO "Notification" ("userId", "seq", "kind", "actorId", "postId", "createdAt")
    VALUES (${userId}, ${seq}, ${kind}, ${actorId}, ${postId}, ${at})`;
  if (seq % KEPT_NOTIFICATIONS === 0) {
    await tx.$executeRaw`DELETE FROM "Notification" WHERE "userId" = ${userId} AND "seq" <= ${seq - KEPT_NOTIFICATIONS}`;
  }
}

/**
 * Tells `authorId` that `actorId` likes (or reposted) their post `postId`. A post's likes are one
 * notification, naming the newest liker, and so are its reposts: the one before is taken out, and
 * this one is the newest on the page.
 */
export async function addGroupedNotification(tx: Prisma.TransactionClient, kind: Reaction, authorId: number, postId: number, actorId: number, at: Date): Promise<void> {
  await tx.$executeRaw`DELETE FROM "Notification" WHERE "postId" = ${postId} AND "userId" = ${authorId} AND "kind" = ${kind}`;
  await addNotification(tx, authorId, kind, actorId, at, postId);
}

/**
 * `actorId` no longer likes (or reposts) `authorId`'s post `postId`: a notification naming them
 * names `newest` instead (a statement that finds the newest other one), and goes when there is none.
 */
export async function withdrawGroupedNotification(
  tx: Prisma.TransactionClient,
  kind: Reaction,
  authorId: number,
  postId: number,
  actorId: number,
  newest: Prisma.Sql,
): Promise<void> {
  const named = Prisma.sql`"postId" = ${postId} AND "userId" = ${authorId} AND "kind" = ${kind}`;
  await tx.$executeRaw`UPDATE "Notification" SET "actorId" = (${newest}) WHERE ${named} AND "actorId" = ${actorId}`;
  await tx.$executeRaw`DELETE FROM "Notification" WHERE ${named} AND "actorId" IS NULL`;
}

/**
 * For a like (or repost) notification of `userId`'s on the page: how many others like (or
 * reposted) the post besides the one named and the user themselves; 0 for the other kinds.
 */
const othersBesides = (userId: number) => Prisma.sql`CASE n."kind"
  WHEN 'like' THEN p."likeCount" - 1 - (CASE WHEN EXISTS (SELECT 1 FROM "Like" l WHERE l."userId" = ${userId} AND l."postId" = p."id") THEN 1 ELSE 0 END)
  WHEN 'repost' THEN p."repostCount" - 1 - (CASE WHEN EXISTS (SELECT 1 FROM "Post" x WHERE x."authorId" = ${userId} AND x."repostOfId" = p."id") THEN 1 ELSE 0 END)
  ELSE 0 END`;

/** Each user's notification log, and the news bus that says when there is more of it. */
export class NotificationRepository {
  constructor(
    private readonly db: Database,
    private readonly news: NewsBus,
  ) {}

  /**
   * A user's notifications after number `afterSeq`, oldest first (at most NEWS_BATCH), their
   * unread message and notification counts, and their session version (null once the account is
   * gone): one statement. Without `afterSeq`, no notifications: only the counts and the number to
   * follow on from (`latest`).
   */
  async since(userId: number, afterSeq: number | undefined): Promise<NotificationNews & { latest: number; sessionVersion: number | null }> {
    const rows = await this.db.$queryRaw<(NotificationRow & { latest: number; unread: bigint | number; unreadNotifications: bigint | number; sessionVersion: number })[]>`
      SELECT n."seq", n."kind", a."username" AS "actor", n."actorId", n."postId", n."createdAt", u."notificationSeq" AS "latest", ${UNREAD_MESSAGES} AS "unread",
        ${UNREAD_NOTIFICATIONS} AS "unreadNotifications", u."sessionVersion"
      FROM "User" u
      LEFT JOIN "Notification" n ON n."userId" = u."id" AND n."seq" > ${afterSeq ?? 2 ** 31 - 1}
      LEFT JOIN "User" a ON a."id" = n."actorId"
      WHERE u."id" = ${userId}
      ORDER BY n."seq" LIMIT ${NEWS_BATCH}`;
    const first = rows[0];
    return {
      notifications: rows.filter((row) => row.seq !== null).map(toNotification),
      unreadMessages: Number(first?.unread ?? 0),
      unreadNotifications: Number(first?.unreadNotifications ?? 0),
      latest: first?.latest ?? 0,
      sessionVersion: first?.sessionVersion ?? null,
    };
  }

  /**
   * A page of the notifications the page lists, newest first, each with the post it is about and
   * whether it is unread: one statement at any depth. A like's `others` are the post's likers but
   * the one named and the author.
   */
  async page(userId: number, request: PageRequest, size: number): Promise<Page<ListedNotification>> {
    const order = { time: Prisma.sql`n."createdAt"`, id: Prisma.sql`n."seq"` };
    const rows = await this.db.$queryRaw<ListedNotificationRow[]>`
      SELECT n."seq", n."kind", a."username" AS "actor", n."actorId", n."postId", n."createdAt", p."body" AS "postBody", p."mentions" AS "postMentions",
        n."seq" > u."notificationsReadSeq" AS "unread",
        ${othersBesides(userId)} AS "others"
      FROM "Notification" n JOIN "User" u ON u."id" = n."userId"
      LEFT JOIN "User" a ON a."id" = n."actorId" LEFT JOIN "Post" p ON p."id" = n."postId"
      ${where([Prisma.sql`n."userId" = ${userId} AND n."kind" IN (${LISTED})`, ...pastCursor(request, order)])}
      ${pageOrder(request, order)} ${limit(size + 1)}`;
    return toPage(rows, request, size, toListedNotification, notificationCursor);
  }

  /**
   * Moves the user's read mark up to number `seq` (never back) and, when that read anything, notes
   * it in their log (their other tabs clear the badge), in one transaction. Returns whether it read anything.
   */
  async markReadUpTo(userId: number, seq: number): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const read = await tx.$executeRaw`UPDATE "User" SET "notificationsReadSeq" = ${seq} WHERE "id" = ${userId} AND "notificationsReadSeq" < ${seq}`;
      if (read > 0) await addNotification(tx, userId, "read", null, new Date());
      return read > 0;
    });
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
