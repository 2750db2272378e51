import { beforeAll, describe, expect, it } from "vitest";
import { encodeCursor, type PageRequest } from "../../../app/domain/page.js";
import { FollowRepository } from "../../../app/repositories/follow-repository.js";
import { PostRepository } from "../../../app/repositories/post-repository.js";
import { countingClient } from "../../helpers/database.js";

const { db, queries } = await countingClient();
const posts = new PostRepository(db);
const follows = new FollowRepository(db);
const start = Date.UTC(2026, 0, 1);
let reader: number;
let others: number[];

/** Every post of a feed, walking "Older" to the end and then "Newer" back; both ways must agree. */
async function walk(userId: number): Promise<number[]> {
  const seen: number[] = [];
  let request: PageRequest = { kind: "first" };
  for (let guard = 0; guard < 1000; guard++) {
    const page = await posts.feed(userId, request, 7);
    seen.push(...page.items.map((p) => p.id));
    if (!page.older) break;
    request = { kind: "older", cursor: page.older };
  }
  const back: number[] = [];
  let last = await posts.feed(userId, request, 7);
  for (let guard = 0; guard < 1000 && last.newer; guard++) {
    last = await posts.feed(userId, { kind: "newer", cursor: last.newer }, 7);
    back.unshift(...last.items.map((p) => p.id));
  }
  expect(back).toEqual(seen.slice(0, back.length));
  return seen;
}

/** The ids the feed should show, newest first, straight from the data. */
async function expected(authors: number[]): Promise<number[]> {
  const rows = await db.post.findMany({ where: { authorId: { in: authors } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
  return rows.map((r) => r.id);
}

beforeAll(async () => {
  await db.user.createMany({
    data: Array.from({ length: 260 }, (_, i) => ({ username: `u${i}`, usernameKey: `u${i}`, email: `u${i}@example.com`, passwordHash: "x" })),
  });
  const ids = (await db.user.findMany({ orderBy: { id: "asc" }, select: { id: true } })).map((u) => u.id);
  [reader, ...others] = ids as [number, ...number[]];
  // Posts by everyone, several sharing one instant, so ties must break by id on every path.
  await db.post.createMany({
    data: ids.flatMap((authorId, a) =>
      Array.from({ length: 3 }, (_, k) => ({ authorId, body: `${a}/${k}`, createdAt: new Date(start + ((a * 7 + k * 13) % 40) * 1000) })),
    ),
  });
});

describe("the followed feed", () => {
  it("holds only one's own posts while one follows no one", async () => {
    expect(await walk(reader)).toEqual(await expected([reader]));
  });

  it("holds one's own posts and those of the people one follows, in order, at every depth, both ways", async () => {
    for (const other of others.slice(0, 5)) await follows.follow(reader, other);
    expect(await walk(reader)).toEqual(await expected([reader, ...others.slice(0, 5)]));
  });

  it("is the same when one follows so many that all posts are walked instead", async () => {
    for (const other of others) await follows.follow(reader, other);
    expect(others.length).toBeGreaterThan(200);
    const all = await walk(reader);
    expect(all).toEqual(await expected([reader, ...others]));
    expect(all.length).toBe(260 * 3);
  });

  it("costs two statements a page, at any depth", async () => {
    const first = await posts.feed(reader, { kind: "first" }, 7);
    queries.length = 0;
    await posts.feed(reader, { kind: "older", cursor: first.older! }, 7);
    expect(queries).toHaveLength(2);
    expect(encodeCursor(first.older!)).toMatch(/^\d+-\d+$/);
  });
});
