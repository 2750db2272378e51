import type { Database } from "../database/client.js";
import { entryCursor, type FollowEntry } from "../domain/follow.js";
import type { Page, PageRequest } from "../domain/page.js";
import { Prisma } from "../generated/prisma/client.js";
import { toFollowEntry, type FollowEntryRow } from "../mappers/follow-mapper.js";
import { limit, pageOrder, pastCursor, toPage, where } from "./keyset.js";
import { whileUsersExist } from "./missing-user.js";
import { addLikeNotification, withdrawLikeNotification } from "./notification-repository.js";

/**
 * Moves post `postId`'s like count by `by`, if it is there and not deleted, and returns the new
 * count and the post's author. It is the first write of each like and unlike: it holds the post
 * until the like is written, so that a deletion (which takes the post's likes with it) comes wholly
 * before or after.
 */
async function countLike(tx: Prisma.TransactionClient, postId: number, by: 1 | -1): Promise<{ count: number; authorId: number } | undefined> {
  const [post] = await tx.$queryRaw<{ likeCount: number; authorId: number }[]>`
    UPDATE "Post" SET "likeCount" = "likeCount" + ${by} WHERE "id" = ${postId} AND "deletedAt" IS NULL RETURNING "likeCount", "authorId"`;
  return post ? { count: Number(post.likeCount), authorId: post.authorId } : undefined;
}

/** What a like or unlike leaves: the post's count, and the author to tell when they were told or untold of it. */
export interface LikeResult {
  count: number;
  /** The post's author, when they were told of the like (their news to announce). */
  told?: number;
}

/** Likes: one row per person and post, counted on the post in the same transaction. */
export class LikeRepository {
  constructor(private readonly db: Database) {}

  /**
   * `userId` likes post `postId`, and its author (anyone else) is told; liking twice is harmless.
   * Returns the post's like count, or undefined (nothing written) when the post is gone or
   * deleted; NotFoundError if the user is gone.
   */
  async like(userId: number, postId: number): Promise<LikeResult | undefined> {
    return whileUsersExist(
      this.db.$transaction(async (tx) => {
        const post = await countLike(tx, postId, 1);
        if (post === undefined) return undefined;
        const at = new Date();
        const added = await tx.$executeRaw`
          INSERT INTO "Like" ("userId", "postId", "createdAt") VALUES (${userId}, ${postId}, ${at}) ON CONFLICT DO NOTHING`;
        if (added === 0) return { count: (await countLike(tx, postId, -1))!.count };
        if (post.authorId === userId) return { count: post.count };
        await addLikeNotification(tx, post.authorId, postId, userId, at);
        return { count: post.count, told: post.authorId };
      }),
    );
  }

  /**
   * `userId` no longer likes post `postId`, and the notification of it names someone else or goes;
   * unliking what one does not like is harmless. Returns as `like` does.
   */
  async unlike(userId: number, postId: number): Promise<LikeResult | undefined> {
    return this.db.$transaction(async (tx) => {
      const post = await countLike(tx, postId, -1);
      if (post === undefined) return undefined;
      const removed = await tx.$executeRaw`DELETE FROM "Like" WHERE "userId" = ${userId} AND "postId" = ${postId}`;
      if (removed === 0) return { count: (await countLike(tx, postId, 1))!.count };
      if (post.authorId !== userId) await withdrawLikeNotification(tx, post.authorId, postId, userId);
      return { count: post.count };
    });
  }

  /**
   * A page of the people who like post `postId`, newest like first, each with whether `viewerId`
   * follows them: one statement at any depth.
   */
  async likers(postId: number, viewerId: number, request: PageRequest, size: number): Promise<Page<FollowEntry>> {
    const order = { time: Prisma.sql`l."createdAt"`, id: Prisma.sql`l."userId"` };
    const rows = await this.db.$queryRaw<FollowEntryRow[]>`
      SELECT u."id", u."username", u."aboutMe", l."createdAt" AS "since",
             EXISTS (SELECT 1 FROM "Follow" v WHERE v."followerId" = ${viewerId} AND v."followedId" = u."id") AS "followedByViewer"
      FROM "Like" l JOIN "User" u ON u."id" = l."userId"
      ${where([Prisma.sql`l."postId" = ${postId}`, ...pastCursor(request, order)])} ${pageOrder(request, order)} ${limit(size + 1)}`;
    return toPage(rows, request, size, toFollowEntry, entryCursor);
  }
}
