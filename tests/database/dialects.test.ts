// Where SQLite and PostgreSQL differ underneath, Jot must not: each difference the two databases
// are known for, pinned on whichever database this project runs on (the same file runs on both).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeCursor, PAGE_SIZE, type PageRequest } from "../../app/domain/page.js";
import { ConflictError } from "../../app/domain/errors.js";
import type { User } from "../../app/domain/user.js";
import { form, services } from "../unit/services/fixtures.js";

const { db, accounts, users, posts } = await services();
let ann: User;

beforeAll(async () => {
  ann = await accounts.register(form("ann"));
});

describe("unique violations", () => {
  // SQLite names the columns of the violated index, PostgreSQL only the index.
  it("name the field that collided, email or username", async () => {
    const add = (username: string, email: string) => users.add({ username, email, passwordHash: "$argon2id$x" });
    await expect(add("other", "ann@example.com")).rejects.toEqual(new ConflictError("email"));
    await expect(add("ANN", "other@example.com")).rejects.toEqual(new ConflictError("username"));
  });

  it("reach the registration form as the right field's error when two people race", async () => {
    const results = await Promise.allSettled([
      accounts.register(form("racer", "same@example.com")),
      accounts.register(form("racer2", "same@example.com")),
    ]);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(lost.reason.fields).toEqual({ email: expect.stringMatching(/already registered/) });
  });
});

describe("text matching", () => {
  beforeAll(async () => {
    await db.post.createMany({ data: ["Hello world", "hello again", "HELLO LOUD", "Ünïcode hello", "ünïcode lower"].map((body) => ({ body, authorId: ann.id })) });
  });
  afterAll(() => db.post.deleteMany());

  const bodies = async (where: object) => (await db.post.findMany({ where, orderBy: { id: "asc" } })).map((p) => p.body);

  // SQLite's LIKE ignores ASCII case and PostgreSQL's does not; Jot opens SQLite so that it does not either.
  it("contains is case-sensitive", async () => {
    expect(await bodies({ body: { contains: "hello" } })).toEqual(["hello again", "Ünïcode hello"]);
    expect(await bodies({ body: { contains: "HELLO" } })).toEqual(["HELLO LOUD"]);
    expect(await bodies({ body: { contains: "Ünï" } })).toEqual(["Ünïcode hello"]);
  });

  it("stays so on a new connection, as after a disconnect", async () => {
    await db.$disconnect();
    expect(await bodies({ body: { contains: "hello" } })).toEqual(["hello again", "Ünïcode hello"]);
  });

  it("startsWith and endsWith are case-sensitive", async () => {
    expect(await bodies({ body: { startsWith: "hello" } })).toEqual(["hello again"]);
    expect(await bodies({ body: { endsWith: "World" } })).toEqual([]);
  });
});

describe("times", () => {
  const zone = process.env.TZ;
  // A process far from UTC: nothing Jot stores or reads may depend on the local zone.
  beforeAll(() => {
    process.env.TZ = "America/St_Johns";
  });
  afterAll(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });
  afterAll(() => db.post.deleteMany());

  it("round-trips a DateTime to the millisecond", async () => {
    for (const instant of [Date.UTC(2026, 0, 2, 3, 4, 5, 678), Date.UTC(1999, 11, 31, 23, 59, 59, 999), Date.UTC(2026, 6, 1, 0, 0, 0, 1)]) {
      const { id } = await db.post.create({ data: { body: "t", authorId: ann.id, createdAt: new Date(instant) } });
      const read = await db.post.findUniqueOrThrow({ where: { id } });
      expect(read.createdAt.getTime()).toBe(instant);
      expect(read.createdAt.toISOString()).toBe(new Date(instant).toISOString());
    }
  });

  it("stamps a new post with the current time, not the server's or the process's zone", async () => {
    const before = Date.now();
    const post = await posts.publish({ ...ann, emailVerified: true }, "now");
    expect(post.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(post.createdAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it("reads the database's own default time (CURRENT_TIMESTAMP) as UTC", async () => {
    const before = Date.now();
    await db.$executeRaw`INSERT INTO "Post" ("body", "authorId") VALUES ('by default', ${ann.id})`;
    const post = await db.post.findFirstOrThrow({ where: { body: "by default" } });
    // SQLite's CURRENT_TIMESTAMP has whole seconds.
    expect(post.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(post.createdAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    // Pages read it through SQL of their own, and must read the same instant.
    const page = await posts.byAuthor("ann", ann.id, { kind: "first" });
    expect(page.posts.items.find((p) => p.body === "by default")?.createdAt).toEqual(post.createdAt);
  });
});

describe("keyset pages", () => {
  const start = Date.UTC(2026, 2, 1, 12, 0, 0, 250);
  // A page and five more: the five oldest share one instant, the others are a millisecond apart, so
  // the second page starts at the tie, which must break by id the same way.
  const N = PAGE_SIZE + 5;
  beforeAll(async () => {
    await db.post.deleteMany();
    await db.post.createMany({
      data: Array.from({ length: N }, (_, i) => ({ body: `k${i + 1}`, authorId: ann.id, createdAt: new Date(start + Math.max(0, i - 4)) })),
    });
  });

  it("order ties by id and give the same cursors on both databases", async () => {
    const firstId = (await db.post.findFirstOrThrow({ where: { body: "k1" } })).id;
    const seen: string[] = [];
    const cursors: string[] = [];
    let request: PageRequest | undefined = { kind: "first" };
    while (request) {
      const page = await posts.timeline(ann.id, request);
      seen.push(...page.items.map((p) => p.body));
      if (page.older) cursors.push(encodeCursor(page.older));
      request = page.older ? { kind: "older", cursor: page.older } : undefined;
    }
    expect(seen).toEqual(Array.from({ length: N }, (_, i) => `k${N - i}`));
    // The last post of the first page is k6: one millisecond after the five tied ones.
    expect(cursors).toEqual([`${start + 1}-${firstId + 5}`]);
    const last = await posts.timeline(ann.id, { kind: "older", cursor: { createdAt: new Date(start + 1), id: firstId + 5 } });
    expect(last.items.map((p) => p.body)).toEqual(["k5", "k4", "k3", "k2", "k1"]);
    expect(last.items.every((p) => p.createdAt.getTime() === start)).toBe(true);
  });
});
