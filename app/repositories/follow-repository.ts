import type { Database } from "../database/client.js";
import type { Standing } from "../domain/follow.js";

interface StandingRow {
  posts: bigint | number;
  followers: bigint | number;
  following: bigint | number;
  followedByViewer: boolean | bigint | number;
}

/** Who follows whom. The same SQL on both databases (see post-repository.ts). */
export class FollowRepository {
  constructor(private readonly db: Database) {}

  /** Following twice is harmless: the pair is the key, and a second row is not written. */
  async follow(followerId: number, followedId: number): Promise<void> {
    await this.db.$executeRaw`
      INSERT INTO "Follow" ("followerId", "followedId", "createdAt") VALUES (${followerId}, ${followedId}, ${new Date()})
      ON CONFLICT DO NOTHING`;
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
    // COUNT is a 64-bit integer on both databases, EXISTS a boolean on PostgreSQL and 0/1 on SQLite.
    return {
      posts: Number(row!.posts),
      followers: Number(row!.followers),
      following: Number(row!.following),
      followedByViewer: Boolean(Number(row!.followedByViewer)),
    };
  }
}
