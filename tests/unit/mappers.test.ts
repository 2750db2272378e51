import { describe, expect, it } from "vitest";
import type { Post as PostRow, User as UserRow } from "../../app/generated/prisma/client.js";
import { toPost, toPostCreate, toPostWithAuthor } from "../../app/mappers/post-mapper.js";
import { toUser, toUserCreate } from "../../app/mappers/user-mapper.js";

const createdAt = new Date("2024-03-05T14:07:09.123Z");

const userRow: UserRow = {
  id: 11,
  username: "Alice",
  usernameKey: "alice",
  email: "alice@example.com",
  passwordHash: "$argon2id$v=19$fake",
  createdAt,
  aboutMe: "Hello there",
  lastSeen: null,
  postCount: 0,
  notificationSeq: 0,
  notificationsReadSeq: 0,
  sessionVersion: 3,
  emailVerifiedAt: createdAt,
};

const postRow: PostRow = { id: 5, body: "Hello, world", createdAt, authorId: 11, replyToId: null, replyToAuthorId: null, replyCount: 2, likeCount: 3, repostCount: 4, deletedAt: null, mentions: "", editedAt: null, repostOfId: null };
const POST_FIELDS = { replyToId: null, replyCount: 2, likeCount: 3, repostCount: 4, deletedAt: null, mentions: new Map(), editedAt: null };
/** The columns a list's read adds to a post row: its own entry, by no reposter. */
const LISTED = { authorUsername: "Alice", replyToUsername: null, liked: 0, reposted: 0, entryId: 5, entryAt: createdAt, reposterId: null, reposterUsername: null };

describe("toUser", () => {
  it("maps a row to a domain User without the usernameKey column", () => {
    const user = toUser(userRow);
    expect(user).toStrictEqual({
      id: 11,
      username: "Alice",
      email: "alice@example.com",
      passwordHash: "$argon2id$v=19$fake",
      createdAt,
      aboutMe: "Hello there",
      lastSeen: null,
      sessionVersion: 3,
      emailVerifiedAt: createdAt,
    });
    expect(user).not.toHaveProperty("usernameKey");
  });

  it("does not carry extra row properties along (e.g. included relations)", () => {
    const user = toUser({ ...userRow, posts: [postRow] } as UserRow);
    expect(Object.keys(user).sort()).toEqual(["aboutMe", "createdAt", "email", "emailVerifiedAt", "id", "lastSeen", "passwordHash", "sessionVersion", "username"]);
  });
});

describe("toUserCreate", () => {
  it("sets usernameKey to the lower-cased username", () => {
    expect(toUserCreate({ username: "MiXeD.Case", email: "m@example.com", passwordHash: "h" })).toStrictEqual({
      username: "MiXeD.Case",
      usernameKey: "mixed.case",
      email: "m@example.com",
      passwordHash: "h",
    });
  });
});

describe("toPost", () => {
  it("maps a row's fields", () => {
    expect(toPost(postRow)).toStrictEqual({ id: 5, body: "Hello, world", authorId: 11, createdAt, ...POST_FIELDS });
  });

  it("reads a count PostgreSQL's driver hands over as a bigint as a number", () => {
    expect(toPost({ ...postRow, replyCount: 7n as unknown as number }).replyCount).toBe(7);
  });
});

describe("toPostWithAuthor", () => {
  it("maps a joined row, the author made of the authorId and authorUsername columns", () => {
    const post = toPostWithAuthor({ ...postRow, ...LISTED });
    expect(post).toStrictEqual({
      id: 5,
      body: "Hello, world",
      authorId: 11,
      createdAt,
      ...POST_FIELDS,
      author: { id: 11, username: "Alice" },
      liked: false,
      reposted: false,
    });
    expect(post).not.toHaveProperty("authorUsername");
  });

  it("reads whether the reader likes and reposted it from SQLite's 0 and 1 and PostgreSQL's booleans", () => {
    for (const [flag, expected] of [[0, false], [1, true], [1n, true], [false, false], [true, true]] as const) {
      expect(toPostWithAuthor({ ...postRow, ...LISTED, liked: flag }).liked).toBe(expected);
      expect(toPostWithAuthor({ ...postRow, ...LISTED, reposted: flag }).reposted).toBe(expected);
    }
  });

  it("stands a post a repost shows at the repost's time, by its reposter", () => {
    const at = new Date(createdAt.getTime() + 60_000);
    const shown = toPostWithAuthor({ ...postRow, ...LISTED, entryId: 9, entryAt: at, reposterId: 12, reposterUsername: "Bob" });
    expect(shown.repost).toStrictEqual({ id: 9, createdAt: at, by: { id: 12, username: "Bob" } });
    expect(shown).toMatchObject({ id: 5, createdAt });
  });

  it("names whom a reply answers from the replyToAuthorId and replyToUsername columns", () => {
    const reply = toPostWithAuthor({ ...postRow, ...LISTED, replyToId: 4, replyToAuthorId: 12, replyToUsername: "Bob" });
    expect(reply.replyToAuthor).toStrictEqual({ id: 12, username: "Bob" });
  });
});

describe("toPostCreate", () => {
  it("passes body and authorId; a post that answers nothing has no reply columns set", () => {
    expect(toPostCreate({ body: "hi", authorId: 3, tags: [], names: [] })).toStrictEqual({ body: "hi", authorId: 3, replyToId: null, replyToAuthorId: null });
  });

  it("writes whom a reply answers beside the post it answers", () => {
    expect(toPostCreate({ body: "hi", authorId: 3, replyToId: 8, tags: [], names: [] }, 5)).toStrictEqual({ body: "hi", authorId: 3, replyToId: 8, replyToAuthorId: 5 });
  });

  it("keeps whom the post names as the column's JSON, and reads it back", () => {
    const mentions = new Map([["ann", 4], ["__proto__", 9]]);
    const data = toPostCreate({ body: "@ann @__proto__", authorId: 3, tags: [], names: ["ann", "__proto__"] }, null, mentions);
    expect(data.mentions).toBe('[["ann",4],["__proto__",9]]');
    expect(toPost({ ...postRow, mentions: data.mentions! }).mentions).toEqual(mentions);
    expect(toPost({ ...postRow, mentions: "not json" }).mentions.size).toBe(0);
  });
});
