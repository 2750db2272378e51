// The hot reads stay flat with depth and data size only because each walks an index range, never the
// table. This pins that, on whichever database the project runs on: the repositories' own
// statements are asked for their plans (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL after
// ANALYZE) over enough rows that a scan would be the planner's choice if an index did not fit.
// SHOW_PLANS=1 prints them (docs/architecture.md quotes them).
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../app/database/client.js";
import { PAGE_SIZE, type PageRequest } from "../../app/domain/page.js";
import { Prisma } from "../../app/generated/prisma/client.js";
import { FollowRepository } from "../../app/repositories/follow-repository.js";
import { LocalNews } from "../../app/database/news.js";
import { NotificationRepository } from "../../app/repositories/notification-repository.js";
import { PostRepository } from "../../app/repositories/post-repository.js";
import { countingClient, testProvider } from "../helpers/database.js";

const { db } = await countingClient();
const AUTHORS = 40;
const POSTS_EACH = 500;
const FANS = 3_000;
let reader: number;

/**
 * The same client, except that the one read whose SQL matches `target` is explained instead of
 * run: its plan is kept, and the repository gets no rows back.
 */
function explaining(target: RegExp): { db: Database; plan: () => string } {
  let plan = "";
  const explain = testProvider === "sqlite" ? "EXPLAIN QUERY PLAN" : "EXPLAIN (COSTS OFF)";
  const proxy = new Proxy(db, {
    get(client, property, receiver) {
      if (property !== "$queryRaw") return Reflect.get(client, property, receiver);
      // Called with a Prisma.Sql, or as a tagged template.
      return async (first: Prisma.Sql | TemplateStringsArray, ...values: unknown[]) => {
        const query = first instanceof Prisma.Sql ? first : Prisma.sql(first, ...values);
        if (!target.test(query.sql)) return client.$queryRaw(query);
        const rows = await client.$queryRaw<Record<string, unknown>[]>(Prisma.sql`${Prisma.raw(explain)} ${query}`);
        plan = rows.map((row) => String(row.detail ?? row["QUERY PLAN"])).join("\n");
        return [];
      };
    },
  });
  return { db: proxy, plan: () => plan };
}

function show(name: string, plan: string): void {
  if (process.env.SHOW_PLANS) console.log(`--- ${testProvider}: ${name}\n${plan}`);
}

const DEEP: PageRequest = { kind: "older", cursor: { createdAt: new Date(Date.UTC(2026, 0, 1, 12)), id: 1_000 } };

beforeAll(async () => {
  const names = Array.from({ length: AUTHORS + 1 }, (_, i) => `user${i}`);
  await db.user.createMany({ data: names.map((name) => ({ username: name, usernameKey: name, email: `${name}@example.com`, passwordHash: "x" })) });
  const ids = (await db.user.findMany({ orderBy: { id: "asc" }, select: { id: true } })).map((u) => u.id);
  reader = ids[0]!;
  const start = Date.UTC(2026, 0, 1);
  for (const authorId of ids.slice(1)) {
    await db.post.createMany({
      data: Array.from({ length: POSTS_EACH }, (_, i) => ({ authorId, body: `post ${i}`, createdAt: new Date(start + (i * AUTHORS + authorId) * 1000) })),
    });
  }
  // Each author reposts ten posts of the next author's: entries in the feed's index like any post.
  const firsts = await db.post.findMany({ where: { body: { in: Array.from({ length: 10 }, (_, i) => `post ${i * 7}`) } }, select: { id: true, authorId: true } });
  await db.post.createMany({
    data: firsts.map((post) => ({ authorId: ids[1 + (ids.indexOf(post.authorId) % AUTHORS)]!, body: "", repostOfId: post.id, createdAt: new Date(start + POSTS_EACH * AUTHORS * 1000) })),
  });
  // The reader follows half the authors. Fans follow the reader and two authors each.
  await db.follow.createMany({ data: ids.slice(1, 1 + AUTHORS / 2).map((followedId) => ({ followerId: reader, followedId })) });
  const fanNames = Array.from({ length: FANS }, (_, i) => `fan${i}`);
  await db.user.createMany({ data: fanNames.map((name) => ({ username: name, usernameKey: name, email: `${name}@example.com`, passwordHash: "x" })) });
  const fans = (await db.user.findMany({ where: { username: { startsWith: "fan" } }, select: { id: true } })).map((u) => u.id);
  await db.follow.createMany({
    data: fans.flatMap((followerId, i) =>
      [...new Set([reader, ids[1 + (i % AUTHORS)]!, ids[1 + ((i * 7 + 3) % AUTHORS)]!])].map((followedId, k) => ({
        followerId,
        followedId,
        createdAt: new Date(start + (i * 3 + k) * 1000),
      })),
    ),
  });
  // Every fourth post carries #common; a handful carry #rare.
  await db.tag.createMany({ data: [{ name: "common" }, { name: "rare" }] });
  const tags = await db.tag.findMany();
  const tagged = await db.post.findMany({ select: { id: true, createdAt: true }, orderBy: { id: "asc" } });
  await db.postTag.createMany({
    data: tagged.flatMap((post, i) => [
      ...(i % 4 === 0 ? [{ postId: post.id, tagId: tags.find((t) => t.name === "common")!.id, createdAt: post.createdAt }] : []),
      ...(i % 997 === 0 ? [{ postId: post.id, tagId: tags.find((t) => t.name === "rare")!.id, createdAt: post.createdAt }] : []),
    ]),
  });
  // Both databases plan from statistics; production's are gathered by autovacuum or ANALYZE.
  await db.$executeRawUnsafe("ANALYZE");
});

describe.each([
  ["first", { kind: "first" } as PageRequest],
  ["deep", DEEP],
])("the followed feed, %s page", (_name, request) => {
  it("reads each followed author's newest keys from the (authorId, createdAt, id, replyToAuthorId, deletedAt) index alone, never the posts table whole", async () => {
    const explained = explaining(/UNION ALL/);
    await new PostRepository(explained.db).feed(reader, request, PAGE_SIZE);
    const plan = explained.plan();
    show(`feed, ${_name} page`, plan);
    if (testProvider === "sqlite") {
      const searches = plan.match(/SEARCH p USING COVERING INDEX Post_authorId_createdAt_id_replyToAuthorId_deletedAt_idx \(authorId=\?/g) ?? [];
      expect(searches).toHaveLength(AUTHORS / 2 + 1);
      expect(plan).not.toMatch(/SCAN p\b/);
    } else {
      expect(plan.match(/Index Only Scan (Backward )?using "Post_authorId_createdAt_id_replyToAuthorId_deletedAt_idx"/g)?.length).toBe(AUTHORS / 2 + 1);
      expect(plan).not.toMatch(/Seq Scan on "Post"/);
    }
  });
});

describe("explore, a deep page", () => {
  it("seeks into an index in time order", async () => {
    const explained = explaining(/FROM "Post" p JOIN "Post" o/);
    await new PostRepository(explained.db).timeline(reader, DEEP, PAGE_SIZE);
    const plan = explained.plan();
    show("explore, deep page", plan);
    // Either index keeps a post's own entries in time order: (createdAt, id), or (repostOfId, createdAt, …) at repostOfId IS NULL.
    if (testProvider === "sqlite") expect(plan).toMatch(/SEARCH p USING INDEX (Post_createdAt_id_idx \(createdAt<\?\)|Post_repostOfId_createdAt_authorId_idx \(repostOfId=\? AND createdAt<\?\))/);
    else expect(plan).toMatch(/Index Scan (Backward )?using "Post_createdAt_id_idx"/);
    expect(plan).not.toMatch(testProvider === "sqlite" ? /SCAN p\b/ : /Seq Scan on "Post"/);
  });
});

describe("a post's page", () => {
  it("reads the post and the chain above it by primary key, never the posts table whole", async () => {
    const explained = explaining(/WITH RECURSIVE chain/);
    const post = await db.post.findFirstOrThrow({ orderBy: { id: "desc" } });
    await new PostRepository(explained.db).thread(post.id, reader);
    const plan = explained.plan();
    show("post page", plan);
    expect(plan).toMatch(testProvider === "sqlite" ? /SEARCH p USING INTEGER PRIMARY KEY/ : /Index Scan using "Post_pkey" on "Post" p\b/);
    expect(plan).not.toMatch(testProvider === "sqlite" ? /SCAN p\b|SEARCH p USING (COVERING )?INDEX/ : /Seq Scan on "Post"|Index (Only )?Scan using "Post_repostOf/);
  });
});

describe.each(["common", "rare"])("a tag's page (#%s), deep", (tag) => {
  it("seeks into the (tagId, createdAt, postId) index, never the posts table whole", async () => {
    const explained = explaining(/JOIN "PostTag" t/);
    await new PostRepository(explained.db).tagged(tag, reader, DEEP, PAGE_SIZE);
    const plan = explained.plan();
    show(`tag page #${tag}`, plan);
    if (testProvider === "sqlite") expect(plan).toMatch(/SEARCH t USING COVERING INDEX PostTag_tagId_createdAt_postId_idx \(tagId=\? AND createdAt<\?\)/);
    else expect(plan).toMatch(/Index Only Scan (Backward )?using "PostTag_tagId_createdAt_postId_idx"/);
    expect(plan).not.toMatch(testProvider === "sqlite" ? /SCAN (p|t)\b/ : /Seq Scan on "Post(Tag)?"/);
  });
});

describe("the notifications page, deep", () => {
  it("seeks into the (userId, createdAt, seq) index, never the notifications table whole, nor sorts", async () => {
    // 300 notifications for each user, a follow from the next user each: numbered in SQL, since
    // Prisma's createMany spends seconds building a statement of this many rows.
    await db.$executeRaw`
      WITH RECURSIVE n ("seq") AS (SELECT 1 UNION ALL SELECT "seq" + 1 FROM n WHERE "seq" < 300)
      INSERT INTO "Notification" ("userId", "seq", "kind", "actorId", "createdAt")
      SELECT u."id", n."seq", 'follower', u."id", ${new Date(Date.UTC(2026, 0, 1))} FROM "User" u CROSS JOIN n`;
    if (testProvider === "postgresql") await db.$executeRaw`ANALYZE "Notification"`;
    const explained = explaining(/FROM "Notification" n JOIN "User" u/);
    await new NotificationRepository(explained.db, new LocalNews()).page(reader, { kind: "older", cursor: { createdAt: new Date(Date.UTC(2026, 0, 2)), id: 201 } }, PAGE_SIZE);
    const plan = explained.plan();
    show("notifications page", plan);
    if (testProvider === "sqlite") {
      expect(plan).toMatch(/SEARCH n USING INDEX Notification_userId_createdAt_seq_idx \(userId=\? AND createdAt<\?\)/);
      expect(plan).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
    } else {
      expect(plan).toMatch(/Index Scan (Backward )?using "Notification_userId_createdAt_seq_idx"/);
      expect(plan).not.toMatch(/Sort\b/);
    }
    expect(plan).not.toMatch(testProvider === "sqlite" ? /SCAN n\b/ : /Seq Scan on "Notification"/);
  });
});

describe("a followers list", () => {
  it("walks the (followedId, createdAt, followerId) index newest first and checks each follow by its key", async () => {
    const explained = explaining(/FROM "Follow" f JOIN "User" u/);
    await new FollowRepository(explained.db).list("followers", reader, reader, { kind: "first" }, PAGE_SIZE);
    const plan = explained.plan();
    show("followers list", plan);
    if (testProvider === "sqlite") {
      expect(plan).toMatch(/SEARCH f USING (COVERING )?INDEX Follow_followedId_createdAt_followerId_idx \(followedId=\?\)/);
      expect(plan).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
    } else {
      expect(plan).toMatch(/Index (Only )?Scan (Backward )?using "Follow_followedId_createdAt_followerId_idx"/);
      expect(plan).not.toMatch(/Sort\b/);
    }
    expect(plan).not.toMatch(testProvider === "sqlite" ? /SCAN f\b/ : /Seq Scan on "Follow"/);
  });
});
