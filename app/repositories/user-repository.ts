import type { Database } from "../database/client.js";
import { ConflictError } from "../domain/errors.js";
import { usernameKey, usernameProblem, type NewUser, type ProfileForm, type SessionUser, type User } from "../domain/user.js";
import { Prisma } from "../generated/prisma/client.js";
import { toProfileUpdate, toSessionUser, toUser, toUserCreate, type SessionUserRow, type UserColumns } from "../mappers/user-mapper.js";
import { revokedLinks } from "./revoked-links.js";
import { UNREAD_MESSAGES, UNREAD_NOTIFICATIONS } from "./unread-counts.js";
import { whileUsersExist } from "./missing-user.js";
import { uniqueViolationFields } from "./unique-violation.js";

// A profile page reads its user by name on every view: one statement of our own costs a fraction
// of findUnique's query compilation. Same SQL on both databases (see post-repository.ts).
const USER = Prisma.sql`
  SELECT "id", "username", "usernameKey", "email", "passwordHash", "createdAt", "aboutMe", "lastSeen", "sessionVersion", "emailVerifiedAt" FROM "User"`;

/** A write's unique violation, told as the field a person would fix: ConflictError. */
async function conflictsNamed<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    const fields = uniqueViolationFields(error);
    const field = fields?.includes("email") ? "email" : fields?.includes("usernameKey") ? "username" : undefined;
    if (!field) throw error;
    throw new ConflictError(field);
  }
}

export class UserRepository {
  constructor(private readonly db: Database) {}

  private async one(where: Prisma.Sql): Promise<User | null> {
    const [row] = await this.db.$queryRaw<UserColumns[]>`${USER} WHERE ${where}`;
    return row ? toUser(row) : null;
  }

  async findById(id: number): Promise<User | null> {
    return this.one(Prisma.sql`"id" = ${id}`);
  }

  /** Case-insensitive: "Alice" finds alice. A name no one could have registered is not looked for. */
  async findByUsername(username: string): Promise<User | null> {
    if (usernameProblem(username)) return null;
    return this.one(Prisma.sql`"usernameKey" = ${usernameKey(username)}`);
  }

  async findByEmail(email: string): Promise<User | null> {
    return this.one(Prisma.sql`"email" = ${email}`);
  }

  /**
   * Who a session is, with the count of their unread messages (received after the newest they have
   * seen) and notifications, and the number of their newest notification: one statement, as every logged-in page
   * shows the count and starts its live stream after that number.
   */
  async sessionUser(id: number): Promise<SessionUser | null> {
    const [row] = await this.db.$queryRaw<SessionUserRow[]>`
      SELECT u."id", u."username", u."email", u."notificationSeq", u."sessionVersion",
        u."emailVerifiedAt" IS NOT NULL AS "verified", ${UNREAD_MESSAGES} AS "unread", ${UNREAD_NOTIFICATIONS} AS "unreadNotifications"
      FROM "User" u WHERE u."id" = ${id}`;
    return row ? toSessionUser(row) : null;
  }

  /** Sets the user's last-seen time to `at`, unless it is already later than `unlessAfter`. */
  async markSeen(id: number, at: Date, unlessAfter: Date): Promise<void> {
    await this.db.$executeRaw`
      UPDATE "User" SET "lastSeen" = ${at} WHERE "id" = ${id} AND ("lastSeen" IS NULL OR "lastSeen" <= ${unlessAfter})`;
  }

  async updatePasswordHash(id: number, passwordHash: string): Promise<void> {
    await this.db.$executeRaw`UPDATE "User" SET "passwordHash" = ${passwordHash} WHERE "id" = ${id}`;
  }

  /** A new password hash, and every session ended (as endSessions): returns the new session version, if the user is still there. */
  async changePassword(id: number, passwordHash: string): Promise<number | undefined> {
    const [rows] = await this.db.$transaction([
      this.db.$queryRaw<{ sessionVersion: number }[]>`
        UPDATE "User" SET "passwordHash" = ${passwordHash}, "sessionVersion" = "sessionVersion" + 1 WHERE "id" = ${id} RETURNING "sessionVersion"`,
      this.db.$executeRaw(revokedLinks(id)),
    ]);
    return rows[0]?.sessionVersion;
  }

  /** Counts the user's address as confirmed (for accounts whose address receives no mail: the demo's). */
  async confirmEmail(id: number): Promise<void> {
    await this.db.user.update({ where: { id }, data: { emailVerifiedAt: new Date() } });
  }

  /** Removes the user and, by the foreign keys' cascades, their posts, reposts, follows, messages and notifications. */
  async delete(id: number): Promise<void> {
    await this.db.$transaction([
      // Their posts go with them, replies included: the posts those answered count them no more.
      this.db.$executeRaw`
        UPDATE "Post" SET "replyCount" = "replyCount" - (
          SELECT COUNT(*) FROM "Post" r WHERE r."replyToId" = "Post"."id" AND r."authorId" = ${id} AND r."deletedAt" IS NULL)
        WHERE "id" IN (SELECT "replyToId" FROM "Post" WHERE "authorId" = ${id} AND "replyToId" IS NOT NULL AND "deletedAt" IS NULL)`,
      // Their likes go too: the posts they liked count them no more.
      this.db.$executeRaw`UPDATE "Post" SET "likeCount" = "likeCount" - 1 WHERE "id" IN (SELECT "postId" FROM "Like" WHERE "userId" = ${id})`,
      // And their reposts, likewise.
      this.db.$executeRaw`UPDATE "Post" SET "repostCount" = "repostCount" - 1 WHERE "id" IN (SELECT "repostOfId" FROM "Post" WHERE "authorId" = ${id} AND "repostOfId" IS NOT NULL)`,
      this.db.$executeRaw`DELETE FROM "User" WHERE "id" = ${id}`,
    ]);
  }

  /** Ends every session of the user (the cookies made so far carry the old version), and the links that must not outlive them. */
  async endSessions(id: number): Promise<void> {
    await this.db.$transaction([
      this.db.$executeRaw`UPDATE "User" SET "sessionVersion" = "sessionVersion" + 1 WHERE "id" = ${id}`,
      this.db.$executeRaw(revokedLinks(id)),
    ]);
  }

  /** Throws ConflictError("username" | "email") when another row already holds the value. */
  async add(user: NewUser): Promise<User> {
    return toUser(await conflictsNamed(this.db.user.create({ data: toUserCreate(user) })));
  }

  /** Throws ConflictError("username") when another user holds the name in any case; NotFoundError if the user has gone. */
  async updateProfile(id: number, profile: ProfileForm): Promise<User> {
    return toUser(await conflictsNamed(whileUsersExist(this.db.user.update({ where: { id }, data: toProfileUpdate(profile) }))));
  }
}
