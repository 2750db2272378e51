import { beforeAll, describe, expect, it } from "vitest";
import { NotFoundError, RefusedError, ValidationError } from "../../../app/domain/errors.js";
import { PAGE_SIZE, type PageRequest } from "../../../app/domain/page.js";
import type { User } from "../../../app/domain/user.js";
import { form, services } from "./fixtures.js";

const { db, queries, accounts, posts } = await services();
let ann: User;
let bob: User;

/** Inserts posts one second apart, oldest first, so their order is known. */
async function addPosts(author: User, count: number, start = Date.UTC(2026, 0, 1)) {
  await db.post.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      authorId: author.id,
      body: `${author.username} #${i + 1}`,
      createdAt: new Date(start + i * 1000),
    })),
  });
}

beforeAll(async () => {
  ann = await accounts.register(form("ann"));
  bob = await accounts.register(form("bob"));
});

describe("PostService.publish", () => {
  it("stores the trimmed body for the author", async () => {
    const post = await posts.publish({ ...ann, emailVerified: true }, "  hello world  ");
    expect(post).toMatchObject({ authorId: ann.id, body: "hello world" });
    await db.post.deleteMany();
  });

  it("refuses an empty body without writing", async () => {
    await expect(posts.publish({ ...ann, emailVerified: true }, "   ")).rejects.toBeInstanceOf(ValidationError);
    expect(await db.post.count()).toBe(0);
  });

  it("refuses an author whose address is not confirmed (403, beside the body), whoever calls it, without writing", async () => {
    const refusal = await posts.publish({ ...ann, emailVerified: false }, "too early").catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RefusedError);
    expect(refusal).toMatchObject({ status: 403, fields: { body: expect.stringContaining("Confirm your email address before you post") } });
    expect(await db.post.count()).toBe(0);
  });
});

describe("PostService.timeline (keyset pages)", () => {
  beforeAll(async () => {
    await addPosts(ann, 30);
    await addPosts(bob, 30, Date.UTC(2026, 0, 1) + 500); // interleaved with ann's
  });

  async function walkOlder(first: PageRequest) {
    const seen: string[] = [];
    let request: PageRequest | undefined = first;
    while (request) {
      const page = await posts.timeline(ann.id, request);
      seen.push(...page.items.map((p) => p.body));
      request = page.older ? { kind: "older", cursor: page.older } : undefined;
    }
    return seen;
  }

  it("walks every post exactly once, newest first, a page at a time", async () => {
    const seen = await walkOlder({ kind: "first" });
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
    const all = await db.post.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    expect(seen).toEqual(all.map((p) => p.body));
  });

  it("has no newer link on the first page and an older one when more exist", async () => {
    const page = await posts.timeline(ann.id, { kind: "first" });
    expect(page.items).toHaveLength(PAGE_SIZE);
    expect(page.newer).toBeUndefined();
    expect(page.older).toEqual({ createdAt: page.items.at(-1)!.createdAt, id: page.items.at(-1)!.id });
  });

  it("goes back to exactly the previous page with the newer cursor", async () => {
    const first = await posts.timeline(ann.id, { kind: "first" });
    const second = await posts.timeline(ann.id, { kind: "older", cursor: first.older! });
    expect(second.newer).toBeDefined();
    const back = await posts.timeline(ann.id, { kind: "newer", cursor: second.newer! });
    expect(back.items.map((p) => p.id)).toEqual(first.items.map((p) => p.id));
    expect(back.newer).toBeUndefined();
    expect(back.older).toEqual(first.older);
  });

  it("breaks createdAt ties by id", async () => {
    const same = new Date(Date.UTC(2025, 5, 1));
    await db.post.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({ authorId: bob.id, body: `tie ${i}`, createdAt: same })),
    });
    const seen = await walkOlder({ kind: "first" });
    expect(seen).toHaveLength(90);
    expect(new Set(seen).size).toBe(90);
    await db.post.deleteMany({ where: { body: { startsWith: "tie " } } });
  });

  it("loads a page and its authors in a constant number of queries, at any depth", async () => {
    queries.length = 0;
    const first = await posts.timeline(ann.id, { kind: "first" });
    const firstCount = queries.length;
    queries.length = 0;
    const deeper = await posts.timeline(ann.id, { kind: "older", cursor: first.older! });
    expect(deeper.items.every((p) => p.author.username === "ann" || p.author.username === "bob")).toBe(true);
    expect(firstCount).toBeLessThanOrEqual(3);
    expect(queries.length).toBeLessThanOrEqual(3);
    expect(queries.join("\n")).not.toMatch(/OFFSET [1-9]/i);
  });

  it("returns an empty page past the end without failing", async () => {
    const page = await posts.timeline(ann.id, { kind: "older", cursor: { createdAt: new Date(0), id: 1 } });
    expect(page.items).toEqual([]);
    expect(page.older).toBeUndefined();
  });
});

describe("PostService.byAuthor", () => {
  it("shows only that author's posts, newest first, any name case", async () => {
    const { user, posts: page } = await posts.byAuthor("BOB", ann.id, { kind: "first" });
    expect(user.id).toBe(bob.id);
    expect(page.items).toHaveLength(PAGE_SIZE);
    expect(page.items.every((p) => p.authorId === bob.id)).toBe(true);
    expect(page.items[0]!.body).toBe("bob #30");
    const rest = await posts.byAuthor("bob", ann.id, { kind: "older", cursor: page.older! });
    expect(rest.posts.items.map((p) => p.body)).toEqual(Array.from({ length: 30 - PAGE_SIZE }, (_, i) => `bob #${30 - PAGE_SIZE - i}`));
    expect(rest.posts.older).toBeUndefined();
  });

  it("throws NotFoundError for an unknown user", async () => {
    await expect(posts.byAuthor("ghost", ann.id, { kind: "first" })).rejects.toBeInstanceOf(NotFoundError);
  });
});
