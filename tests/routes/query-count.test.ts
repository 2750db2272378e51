import { beforeAll, describe, expect, it } from "vitest";
import { MessageRepository } from "../../app/repositories/message-repository.js";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { testProvider } from "../helpers/database.js";
import { EventStreamClient } from "../helpers/event-stream-client.js";
import { sideDoor } from "../helpers/posts.js";
import { csrfTokenIn, type Visitor } from "../helpers/visitor.js";

// Every statement Jot sends to the database, in order.
const queries: string[] = [];
const { app, config, visitor } = await testApp({}, queries);
const { db, addPosts } = await sideDoor(config);
let reader: Visitor;
let writer: Visitor;

/** The statements one request costs. */
async function statementsFor(request: () => Promise<{ statusCode: number }>, status = 200): Promise<string[]> {
  queries.length = 0;
  expect((await request()).statusCode).toBe(status);
  // Once a minute per process, the first limited request also clears ended rate-limit windows:
  // housekeeping that lands on whichever request comes first, not a cost of the one measured.
  return queries.filter((sql) => !/^DELETE FROM "RateLimit"/.test(sql));
}

/** The "Older posts" link `clicks` pages deep from `path`. */
async function deepPath(path: string, clicks: number): Promise<string> {
  for (let click = 0; click < clicks; click++) {
    path = /class="pager-older" href="([^"]+)"/.exec((await reader.get(path)).body)![1]!.replaceAll("&amp;", "&");
  }
  return path;
}

beforeAll(async () => {
  reader = await loggedInVisitor(app, "reader");
  writer = await loggedInVisitor(app, "writer");
  await addPosts("writer", 300);
  await addPosts("reader", 60);
  const [reading, writing] = await Promise.all(["reader", "writer"].map((name) => db.user.findUniqueOrThrow({ where: { usernameKey: name } })));
  await db.follow.create({ data: { followerId: reading!.id, followedId: writing!.id } });
  // The first page of the minute also records "last seen" (tests/routes/last-seen.test.ts); the counts below are the rest.
  await reader.get("/");
});

describe("statements per page, whatever its depth and size", () => {
  it("the home page (the followed feed) is two statements: whom one follows, then the page with its authors; and Who to follow", async () => {
    const first = await statementsFor(() => reader.get("/"));
    expect(first).toHaveLength(3);
    expect(first[0]).toMatch(/FROM "Follow"/);
    expect(first[1]).toMatch(/JOIN "User"/);
    expect(first[2]).toMatch(/GROUP BY "authorId"/);
    const deep = await deepPath("/", 10);
    expect(await statementsFor(() => reader.get(deep))).toHaveLength(3);
  });

  it("explore is one statement too, at any depth, and Who to follow", async () => {
    expect(await statementsFor(() => reader.get("/explore"))).toHaveLength(2);
    const deep = await deepPath("/explore", 10);
    expect(await statementsFor(() => reader.get(deep))).toHaveLength(2);
  });

  it("a post's page is two statements however long its conversation: the post with what it answers, and a page of replies", async () => {
    const first = await db.post.findFirstOrThrow({ where: { author: { usernameKey: "writer" } } });
    // A chain of 30 replies, each answering the one before; the 15th has 40 replies of its own.
    let above = first;
    const chain: (typeof first)[] = [];
    for (let i = 0; i < 30; i++) {
      above = await db.post.create({ data: { authorId: first.authorId, body: `reply ${i}`, replyToId: above.id, replyToAuthorId: first.authorId } });
      chain.push(above);
    }
    await db.post.createMany({ data: Array.from({ length: 40 }, (_, i) => ({ authorId: first.authorId, body: `side ${i}`, replyToId: chain[14]!.id })) });
    for (const post of [first, chain[14]!, chain[29]!]) {
      const statements = await statementsFor(() => reader.get(`/post/${post.id}`));
      expect(statements, `post ${post.id}`).toHaveLength(2);
      expect(statements.join("\n")).toMatch(/WITH RECURSIVE/);
    }
    expect(await statementsFor(() => reader.get("/post/not-a-number"), 404)).toHaveLength(0);
  });

  it("a newer page costs the same as an older one", async () => {
    const older = await deepPath("/", 5);
    const page = await reader.get(older);
    const newer = /class="pager-newer" href="([^"]+)"/.exec(page.body)![1]!;
    expect(await statementsFor(() => reader.get(newer))).toHaveLength(3);
  });

  it("a profile is three: the user by name, their page of posts, their counts", async () => {
    const first = await statementsFor(() => reader.get("/user/writer"));
    expect(first).toHaveLength(3);
    expect(first[2]).toMatch(/COUNT/);
    const deep = await deepPath("/user/writer", 8);
    expect(await statementsFor(() => reader.get(deep))).toHaveLength(3);
    expect(await statementsFor(() => reader.get("/user/nobody"), 404)).toHaveLength(1);
  });

  it("a followers or following list is two: the user by name, then the page with the viewer's follows", async () => {
    const writer = await db.user.findUniqueOrThrow({ where: { usernameKey: "writer" } });
    const fans = await Promise.all(
      Array.from({ length: 60 }, (_, i) => db.user.create({ data: { username: `fan${i}`, usernameKey: `fan${i}`, email: `fan${i}@example.com`, passwordHash: "x" } })),
    );
    await db.follow.createMany({ data: fans.map((fan, i) => ({ followerId: fan.id, followedId: writer.id, createdAt: new Date(Date.now() - i * 1000) })) });
    const first = await statementsFor(() => reader.get("/user/writer/followers"));
    expect(first).toHaveLength(2);
    expect(first[1]).toMatch(/FROM "Follow" f JOIN "User"/);
    const deep = await deepPath("/user/writer/followers", 2);
    expect(await statementsFor(() => reader.get(deep))).toHaveLength(2);
    expect(await statementsFor(() => reader.get("/user/reader/following"))).toHaveLength(2);
  });

  it("the popover's card is two: the user by name, their counts", async () => {
    expect(await statementsFor(() => reader.get("/user/writer/popup"))).toHaveLength(2);
  });

  it("messages: the list is one read; a conversation is one read, plus, when it had something unread, the reading with its notification (one transaction) and the count left", async () => {
    const [reading, writing] = await Promise.all(["reader", "writer"].map((name) => db.user.findUniqueOrThrow({ where: { usernameKey: name } })));
    await new MessageRepository(db).add({ senderId: writing!.id, recipientId: reading!.id, body: "hello" });
    expect(await statementsFor(() => reader.get("/messages"))).toHaveLength(1);
    const statements = await statementsFor(() => reader.get("/messages/writer"));
    // On PostgreSQL the read is also announced to other processes through the pool (pg_notify).
    const announced = statements.filter((sql) => /pg_notify/.test(sql));
    expect(announced).toHaveLength(testProvider === "postgresql" ? 1 : 0);
    const opened = statements.filter((sql) => !announced.includes(sql));
    // Prisma reports the transaction's COMMIT, not its BEGIN.
    // The user by name, the page with the unread count; then the reading.
    expect(opened).toHaveLength(7);
    expect(opened[1]).toMatch(/UNION ALL/);
    expect(opened[2]).toMatch(/UPDATE "Chat" SET "unread"/);
    expect(opened[3]).toMatch(/UPDATE "User" SET "notificationSeq"/);
    expect(opened[4]).toMatch(/INSERT INTO "Notification"/);
    expect(opened[5]).toMatch(/COMMIT/);
    expect(opened[6]).toMatch(/AS "unread"/);
    // Opened again with nothing unread: a read alone, nothing written.
    expect(await statementsFor(() => reader.get("/messages/writer"))).toHaveLength(2);
    expect(await statementsFor(() => reader.get("/explore"))).toHaveLength(2);
  });

  it("an avatar costs none", async () => {
    // Who the reader is was read a moment ago (a page), as when a page's avatars load after it;
    // on a slow run the minute RecentUsers keeps them could otherwise have passed.
    await reader.get("/");
    expect(await statementsFor(() => reader.get("/avatar/v1/1.svg"))).toEqual([]);
  });

  it("the login and register pages cost none", async () => {
    expect(await statementsFor(() => visitor().get("/login"))).toEqual([]);
    expect(await statementsFor(() => visitor().get("/register"))).toEqual([]);
  });

  it("publishing checks the author, counts the post against the limit, then writes it and counts it, in one transaction", async () => {
    const token = csrfTokenIn((await reader.get("/")).body);
    const statements = await statementsFor(() => reader.post("/posts", { _csrf: token, body: "counted" }), 303);
    // Prisma reports the transaction's COMMIT, not its BEGIN.
    expect(statements).toHaveLength(5);
    expect(statements[0]).toMatch(/FROM "User"/);
    expect(statements[1]).toMatch(/^\s*INSERT INTO "RateLimit"/);
    expect(statements[2]).toMatch(/^INSERT INTO [`"]\w+[`"]\.[`"]Post[`"]/);
    expect(statements[3]).toMatch(/^UPDATE "User" SET "postCount"/);
    expect(statements[4]).toBe("COMMIT");
  });

  it("news for someone with three open tabs reads their notification log once, for all three", async () => {
    const base = await app.listen({ host: "127.0.0.1", port: 0 });
    const tabs: EventStreamClient[] = [];
    try {
      // One after another, each with its first event: no read of the log is left running.
      for (let i = 0; i < 3; i++) {
        tabs.push(await EventStreamClient.open(`${base}/notifications/stream`, { cookie: reader.cookieHeader() }));
        await tabs[i]!.until(1);
      }
      const sent = await statementsFor(() => writer.submit("/explore", "/send_message/reader", { message: "to three tabs" }), 303);
      await Promise.all(tabs.map((tab) => tab.until(2)));
      const logReads = () => queries.filter((sql) => /LEFT JOIN "Notification" n/.test(sql));
      // Sending wrote one notification, in the message's transaction; the three tabs then cost one read.
      expect(sent.filter((sql) => /INSERT INTO "Notification"/.test(sql))).toHaveLength(1);
      expect(logReads()).toHaveLength(1);
    } finally {
      await Promise.all(tabs.map((tab) => tab.close()));
    }
  });
});
