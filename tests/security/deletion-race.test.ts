// Writes that name an account being deleted at that very moment (a post by it, a message or a
// follow to or from it, a new link for it, a new profile for it) are answered as if the account
// were already gone: a 404 page or a trip to the login page, never a 500, and nothing left behind.
import { describe, expect, it } from "vitest";
import { NotFoundError } from "../../app/domain/errors.js";
import { AccountTokenRepository } from "../../app/repositories/account-token-repository.js";
import { FollowRepository } from "../../app/repositories/follow-repository.js";
import { ReactionRepository } from "../../app/repositories/reaction-repository.js";
import { MessageRepository } from "../../app/repositories/message-repository.js";
import { PostRepository } from "../../app/repositories/post-repository.js";
import { UserRepository } from "../../app/repositories/user-repository.js";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { sideDoor } from "../helpers/posts.js";
import { csrfTokenIn, type Visitor } from "../helpers/visitor.js";

const { app, config } = await testApp();
const { db } = await sideDoor(config);
const ROUNDS = 5;

describe("a write naming a user deleted between its read and its write", () => {
  // The moment after the service has read the user and before the write reaches the database,
  // made certain: the user is deleted first, and the write is made with their id all the same.
  it("is NotFoundError from every repository that writes one, not a database error", async () => {
    const alive = await db.user.create({ data: { username: "alive", usernameKey: "alive", email: "alive@example.com", passwordHash: "x" } });
    const gone = await db.user.create({ data: { username: "gone", usernameKey: "gone", email: "gone@example.com", passwordHash: "x" } });
    await db.user.delete({ where: { id: gone.id } });
    const kept = await db.post.create({ data: { authorId: alive.id, body: "Liked by no one" } });
    const writes: [string, () => Promise<unknown>][] = [
      ["a post by them", () => new PostRepository(db).add({ authorId: gone.id, body: "hello #tagged", tags: ["tagged"], names: [] })],
      ["a message to them", () => new MessageRepository(db).add({ senderId: alive.id, recipientId: gone.id, body: "hello" })],
      ["a message from them", () => new MessageRepository(db).add({ senderId: gone.id, recipientId: alive.id, body: "hello" })],
      ["a like by them", () => new ReactionRepository(db).add("like", gone.id, kept.id)],
      ["a repost by them", () => new ReactionRepository(db).add("repost", gone.id, kept.id)],
      ["a follow of them", () => new FollowRepository(db).follow(alive.id, gone.id)],
      ["a follow by them", () => new FollowRepository(db).follow(gone.id, alive.id)],
      ["a link for them", () => new AccountTokenRepository(db).replace(gone.id, "reset", "a".repeat(64), new Date(Date.now() + 60_000))],
      ["their new profile", () => new UserRepository(db).updateProfile(gone.id, { username: "gone2", aboutMe: "" })],
    ];
    for (const [what, write] of writes) await expect(write(), what).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.post.count({ where: { authorId: gone.id } })).toBe(0);
    expect(await db.post.findUniqueOrThrow({ where: { id: kept.id } })).toMatchObject({ likeCount: 0, repostCount: 0 });
    expect(await db.notification.count({ where: { userId: alive.id } })).toBe(0);
  });
});

describe(`${ROUNDS} rounds of posts, messages and follows racing an account's deletion`, () => {
  it("answer every write below 500, and leave nothing of the account behind", async () => {
    const others = await Promise.all(["racer_a", "racer_b"].map((name) => loggedInVisitor(app, name)));
    const statuses: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const name = `doomed_${round}`;
      const doomed = await loggedInVisitor(app, name);
      // Each visitor's CSRF token first (one page each: its session then holds the secret every
      // form of theirs is checked against), so that the race is between the writes alone.
      const tokens = new Map<Visitor, string>();
      for (const who of [doomed, ...others]) tokens.set(who, csrfTokenIn((await who.get("/settings")).body));
      const form = (who: Visitor, action: string, fields: Record<string, string> = {}) => () => who.post(action, { _csrf: tokens.get(who)!, ...fields });
      const writes = [
        form(doomed, "/posts", { body: "last words" }),
        form(doomed, "/send_message/racer_a", { message: "from the doomed" }),
        form(doomed, "/follow/racer_b"),
        ...others.flatMap((other) => [form(other, `/send_message/${name}`, { message: "to the doomed" }), form(other, `/follow/${name}`), form(other, `/unfollow/${name}`)]),
      ];
      // Every write over and over, from before the deletion is asked for until a moment after it has answered.
      let deleted = false;
      const hammer = async (write: () => Promise<{ statusCode: number }>) => {
        for (let i = 0; i < 200; i++) {
          const stop = deleted;
          statuses.push((await write()).statusCode);
          if (stop) return;
        }
      };
      const hammering = writes.map((write) => hammer(write));
      await new Promise((resolve) => setTimeout(resolve, 5 * round));
      statuses.push((await form(doomed, "/settings/delete", { delete_password: "correct horse" })()).statusCode);
      deleted = true;
      await Promise.all(hammering);
      expect(await db.user.count({ where: { usernameKey: name } })).toBe(0);
    }
    const tally = [...new Set(statuses)].sort().map((status) => `${statuses.filter((s) => s === status).length} × ${status}`);
    console.log(`writes racing deletions (${config.database.provider}): ${tally.join(", ")}`);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    // Nothing points at an account that is gone.
    const missing = (table: string, column: string) => `(SELECT COUNT(*) FROM "${table}" t WHERE NOT EXISTS (SELECT 1 FROM "User" u WHERE u."id" = t."${column}"))`;
    const orphans = await db.$queryRawUnsafe<{ n: bigint | number }[]>(
      `SELECT ${[
        missing("Post", "authorId"),
        missing("Message", "senderId"),
        missing("Message", "recipientId"),
        missing("Follow", "followerId"),
        missing("Follow", "followedId"),
        missing("Notification", "userId"),
      ].join(" + ")} AS "n"`,
    );
    expect(Number(orphans[0]!.n)).toBe(0);
  });
});
