import type { Database } from "../database/client.js";
import { entryCursor, RECENT_POSTS_SCANNED, type FollowEntry, type FollowList, type Standing, type Suggestion } from "../domain/follow.js";
import type { Page, PageRequest } from "../domain/page.js";
import { Prisma } from "../generated/prisma/client.js";
import { toFollowEntry, toStanding, type FollowEntryRow, type StandingRow } from "../mappers/follow-mapper.js";
import { addNotification } from "./notification-repository.js";
import { limit, pageOrder, pastCursor, toPage, where } from "./keyset.js";
import { whileUsersExist } from "./missing-user.js";

/**
 * A list reads the Follow rows of one user along the (that user, createdAt, other user) index and
 * joins the other users: the column a list is keyed by, and the column naming whom it lists.
 */
const LISTS = {
  followers: { of: Prisma.sql`f."followedId"`, listed: Prisma.sql`f."followerId"` },
  following: { of: Prisma.sql`f."followerId"`, listed: Prisma.sql`f."followedId"` },
} satisfies Record<FollowList, { of: Prisma.Sql; listed: Prisma.Sql }>;

/** Who follows whom. The same SQL on both databases (see post-repository.ts). */
export class FollowRepository {
  constructor(private readonly db: Database) {}

  /**
   * Following twice is harmless: the pair is the key, and a second row is not written. A new follow
   * notifies the person followed, in the same transaction. Returns whether the follow is new;
   * NotFoundError if either person has gone.
   */
  async follow(followerId: number, followedId: number): Promise<boolean> {
    return whileUsersExist(
      this.db.$transaction(async (tx) => {
        const at = new Date();
        const added = await tx.$executeRaw`
          INSERT INTO "Follow" ("followerId", "followedId", "createdAt") VALUES (${followerId}, ${followedId}, ${at})
          ON CONFLICT DO NOTHING`;
        if (added > 0) await addNotification(tx, followedId, "follower", followerId, at);
        return added > 0;
      }),
    );
  }

  /** Unfollowing someone one does not follow is harmless. */
  async unfollow(followerId: number, followedId: number): Promise<void> {
    await this.db.$executeRaw`DELETE FROM "Follow" WHERE "followerId" = ${followerId} AND "followedId" = ${followedId}`;
  }

  /**
   * A user's counts, and whether `viewerId` follows them: one statement. Posts are counted as they
   * are written (User.postCount); followers and following are counted here, from their indexes.
   */
  async standing(userId: number, viewerId: number): Promise<Standing> {
    const [row] = await this.db.$queryRaw<StandingRow[]>`
      SELECT (SELECT "postCount" FROM "User" WHERE "id" = ${userId}) AS "posts",
             (SELECT COUNT(*) FROM "Follow" WHERE "followedId" = ${userId}) AS "followers",
             (SELECT COUNT(*) FROM "Follow" WHERE "followerId" = ${userId}) AS "following",
             EXISTS (SELECT 1 FROM "Follow" WHERE "followerId" = ${viewerId} AND "followedId" = ${userId}) AS "followedByViewer"`;
    return toStanding(row!);
  }

  /**
   * A page of a user's followers or of the people they follow, newest follow first, each with
   * whether `viewerId` follows them: one statement at any depth.
   */
  async list(list: FollowList, userId: number, viewerId: number, request: PageRequest, size: number): Promise<Page<FollowEntry>> {
    const { of, listed } = LISTS[list];
    const order = { time: Prisma.sql`f."createdAt"`, id: listed };
    const rows = await this.db.$queryRaw<FollowEntryRow[]>`
      SELECT u."id", u."username", u."aboutMe", f."createdAt" AS "since",
             EXISTS (SELECT 1 FROM "Follow" v WHERE v."followerId" = ${viewerId} AND v."followedId" = u."id") AS "followedByViewer"
      FROM "Follow" f JOIN "User" u ON u."id" = ${listed}
      ${where([Prisma.sql`${of} = ${userId}`, ...pastCursor(request, order)])} ${pageOrder(request, order)} ${limit(size + 1)}`;
    return toPage(rows, request, size, toFollowEntry, entryCursor);
  }

  /**
   * Up to `size` people who posted lately and whom `viewerId` does not follow (nor the viewer),
   * the most recent poster first. Bounded: it reads the newest RECENT_POSTS_SCANNED posts along the
   * time index, whatever the number of posts or people.
   */
  async suggestions(viewerId: number, size: number): Promise<Suggestion[]> {
    return this.db.$queryRaw<Suggestion[]>`
      SELECT u."id", u."username", u."aboutMe"
      FROM (SELECT "authorId", MAX("createdAt") AS "at"
            FROM (SELECT "authorId", "createdAt" FROM "Post" WHERE "deletedAt" IS NULL
                  ORDER BY "createdAt" DESC ${limit(RECENT_POSTS_SCANNED)}) newest
            GROUP BY "authorId") recent
      JOIN "User" u ON u."id" = recent."authorId"
      WHERE recent."authorId" <> ${viewerId}
        AND NOT EXISTS (SELECT 1 FROM "Follow" f WHERE f."followerId" = ${viewerId} AND f."followedId" = recent."authorId")
      ORDER BY recent."at" DESC, u."id" ${limit(size)}`;
  }
}
