import type { Database } from "../database/client.js";
import { entryCursor, type FollowEntry } from "../domain/follow.js";
import type { Page, PageRequest } from "../domain/page.js";
import type { Reaction } from "../domain/reaction.js";
import { Prisma } from "../generated/prisma/client.js";
import { toFollowEntry, type FollowEntryRow } from "../mappers/follow-mapper.js";
import { limit, pageOrder, pastCursor, toPage, where } from "./keyset.js";
import { whileUsersExist } from "./missing-user.js";
import { addGroupedNotification, withdrawGroupedNotification } from "./notification-repository.js";

type Tx = Prisma.TransactionClient;

/**
 * Where each reaction is kept: the post's count of them, and the rows (one per person and post)
 * with the columns naming the person and the post, ordered newest first by an index on (post,
 * createdAt, person).
 */
interface ReactionRows {
  count: Prisma.Sql;
  table: Prisma.Sql;
  person: Prisma.Sql;
  post: Prisma.Sql;
  /** Adds `userId`'s reaction to `postId`, or nothing if it is there: the rows written. */
  add(tx: Tx, userId: number, postId: number, at: Date): Promise<number>;
}

const ROWS: Record<Reaction, ReactionRows> = {
  like: {
    count: Prisma.raw(`"likeCount"`),
    table: Prisma.raw(`"Like"`),
    person: Prisma.raw(`"userId"`),
    post: Prisma.raw(`"postId"`),
    add: (tx, userId, postId, at) =>
      tx.$executeRaw`INSERT INTO "Like" ("userId", "postId", "createdAt") VALUES (${userId}, ${postId}, ${at}) ON CONFLICT DO NOTHING`,
  },
  // A repost is a post of the reposter's with no text, standing for the post in their followers'
  // feeds: one per person and post by the (authorId, repostOfId) key.
  repost: {
    count: Prisma.raw(`"repostCount"`),
    table: Prisma.raw(`"Post"`),
    person: Prisma.raw(`"authorId"`),
    post: Prisma.raw(`"repostOfId"`),
    add: (tx, userId, postId, at) => tx.$executeRaw`
      INSERT INTO "Post" ("authorId", "body", "repostOfId", "createdAt") VALUES (${userId}, '', ${postId}, ${at}) ON CONFLICT DO NOTHING`,
  },
};

/** The newest person but `authorId` who reacted so to `postId` (whom the notification names next). */
function newestBesides({ table, person, post }: ReactionRows, postId: number, authorId: number): Prisma.Sql {
  return Prisma.sql`SELECT r.${person} FROM ${table} r WHERE r.${post} = ${postId} AND r.${person} <> ${authorId} ORDER BY r."createdAt" DESC, r.${person} DESC LIMIT 1`;
}

/**
 * Moves post `postId`'s count of `reaction` by `by`, if it is a post of its own (not a repost) and
 * not deleted, and returns the new count and the post's author. It is the first write of each
 * reaction and its undoing: it holds the post until the reaction is written, so that a deletion
 * (which takes the post's likes and reposts with it) comes wholly before or after.
 */
async function count(tx: Tx, reaction: Reaction, postId: number, by: 1 | -1): Promise<{ count: number; authorId: number } | undefined> {
  const column = ROWS[reaction].count;
  const [post] = await tx.$queryRaw<{ count: number; authorId: number }[]>`
    UPDATE "Post" SET ${column} = ${column} + ${by} WHERE "id" = ${postId} AND "deletedAt" IS NULL AND "repostOfId" IS NULL
    RETURNING ${column} AS "count", "authorId"`;
  return post ? { count: Number(post.count), authorId: post.authorId } : undefined;
}

/** What a reaction or its undoing leaves: the post's count, and the author when they were told of it. */
export interface ReactionResult {
  count: number;
  /** The post's author, when they were told of the reaction (their news to announce). */
  told?: number;
}

/** Likes and reposts: one per person and post, counted on the post in the same transaction. */
export class ReactionRepository {
  constructor(private readonly db: Database) {}

  /**
   * `userId` likes or reposts post `postId`, and its author (anyone else) is told; doing it twice is
   * harmless. Returns the post's count of them, or undefined (nothing written) when the post is
   * gone, deleted or a repost; NotFoundError if the user is gone.
   */
  async add(reaction: Reaction, userId: number, postId: number): Promise<ReactionResult | undefined> {
    return whileUsersExist(
      this.db.$transaction(async (tx) => {
        const post = await count(tx, reaction, postId, 1);
        if (post === undefined) return undefined;
        const at = new Date();
        if ((await ROWS[reaction].add(tx, userId, postId, at)) === 0) return { count: (await count(tx, reaction, postId, -1))!.count };
        if (post.authorId === userId) return { count: post.count };
        await addGroupedNotification(tx, reaction, post.authorId, postId, userId, at);
        return { count: post.count, told: post.authorId };
      }),
    );
  }

  /**
   * `userId` no longer likes or reposts post `postId`, and the notification of it names someone
   * else or goes; undoing what one has not done is harmless. Returns as `add` does.
   */
  async remove(reaction: Reaction, userId: number, postId: number): Promise<ReactionResult | undefined> {
    return this.db.$transaction(async (tx) => {
      const post = await count(tx, reaction, postId, -1);
      if (post === undefined) return undefined;
      const { table, person, post: of } = ROWS[reaction];
      const removed = await tx.$executeRaw`DELETE FROM ${table} WHERE ${person} = ${userId} AND ${of} = ${postId}`;
      if (removed === 0) return { count: (await count(tx, reaction, postId, 1))!.count };
      if (post.authorId !== userId) {
        await withdrawGroupedNotification(tx, reaction, post.authorId, postId, userId, newestBesides(ROWS[reaction], postId, post.authorId));
      }
      return { count: post.count };
    });
  }

  /**
   * A page of the people who like (or reposted) post `postId`, newest first, each with whether
   * `viewerId` follows them: one statement at any depth.
   */
  async people(reaction: Reaction, postId: number, viewerId: number, request: PageRequest, size: number): Promise<Page<FollowEntry>> {
    const { table, person, post } = ROWS[reaction];
    const order = { time: Prisma.sql`r."createdAt"`, id: Prisma.sql`r.${person}` };
    const rows = await this.db.$queryRaw<FollowEntryRow[]>`
      SELECT u."id", u."username", u."aboutMe", r."createdAt" AS "since",
             EXISTS (SELECT 1 FROM "Follow" v WHERE v."followerId" = ${viewerId} AND v."followedId" = u."id") AS "followedByViewer"
      FROM ${table} r JOIN "User" u ON u."id" = r.${person}
      ${where([Prisma.sql`r.${post} = ${postId}`, ...pastCursor(request, order)])} ${pageOrder(request, order)} ${limit(size + 1)}`;
    return toPage(rows, request, size, toFollowEntry, entryCursor);
  }
}
