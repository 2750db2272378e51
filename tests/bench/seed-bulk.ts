import type { Database } from "../../app/database/client.js";
import { toUserCreate } from "../../app/mappers/user-mapper.js";
import type { Argon2Cost } from "../../app/config.js";
import { Prisma } from "../../app/generated/prisma/client.js";
import { PasswordHasher } from "../../app/services/password-hasher.js";

export const BENCH_USER = "bench";
export const BENCH_PASSWORD = "bench-password";
/** Someone else, whose popover the bench user opens. */
export const OTHER_USER = "user1";
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;
const CHUNK = 5000;
const FOLLOWS = 20;
/** One user in this many follows the bench user besides their FOLLOWS. */
const BENCH_FAN_EVERY = 4;
const WORDS = "jot short post today coffee code fastify prisma sqlite keyset page timeline friends weather music reading walk idea ship test bench night morning".split(" ");

/** A deterministic pseudo-random source, so every run seeds the same data. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(random: () => number): string {
  const words: string[] = [];
  const target = 20 + Math.floor(random() * 120);
  while (words.join(" ").length < target) words.push(WORDS[Math.floor(random() * WORDS.length)]!);
  return words.join(" ").slice(0, 140);
}

/**
 * Bulk path: `users` accounts (one real password hash shared by all, so logging in as any works),
 * each following 20 others and every fourth following the bench user too (a followers list of
 * several pages, for the followers target), and `posts` posts spread over the last year, written
 * oldest first as a real site's are. The bench user writes a tenth of them, for the profile target.
 */
export async function seedBulk(db: Database, users: number, posts: number, cost: Argon2Cost): Promise<void> {
  const passwordHash = await new PasswordHasher(cost).hash(BENCH_PASSWORD);
  if (users < 2) throw new Error("seed at least 2 users");
  const names = [BENCH_USER, ...Array.from({ length: users - 1 }, (_, i) => `user${i + 1}`)];
  await db.user.createMany({
    data: names.map((username) => toUserCreate({ username, email: `${username}@bench.example`, passwordHash })),
  });
  const ids = (await db.user.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((u) => u.id);
  console.log(`  ${ids.length} users`);

  // Each user follows FOLLOWS others, the same ones on every run, each since some time in the last year.
  const now = Date.now();
  const followTime = mulberry32(7);
  const follows = ids.flatMap((followerId, i) => {
    const followed = new Set<number>();
    for (let k = 1; followed.size < Math.min(FOLLOWS, ids.length - 1); k++) followed.add(ids[(i + k * 37) % ids.length]!);
    if (i % BENCH_FAN_EVERY === 1) followed.add(ids[0]!);
    followed.delete(followerId);
    return [...followed].map((followedId) => ({ followerId, followedId, createdAt: new Date(now - Math.floor(followTime() * YEAR_MS)) }));
  });
  await db.follow.createMany({ data: follows });
  console.log(`  ${follows.length} follows, ${follows.filter((f) => f.followedId === ids[0]).length} of them of ${BENCH_USER}`);

  // Oldest first, each post at its own place in the year: ids rise with time, as on a real site, and
  // the indexes grow at their ends instead of all through (a million posts on SQLite: 70 s, not 120).
  const random = mulberry32(42);
  const spacing = YEAR_MS / posts;
  for (let done = 0; done < posts; done += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, posts - done) }, (_, i) => ({
      authorId: random() < 0.1 ? ids[0]! : ids[Math.floor(random() * ids.length)]!,
      body: sentence(random),
      createdAt: new Date(now - YEAR_MS + Math.floor((done + i + random()) * spacing)),
    }));
    // One INSERT of many rows: createMany spent most of the seeding time building its statement.
    await db.$executeRaw`INSERT INTO "Post" ("authorId", "body", "createdAt") VALUES ${Prisma.join(rows.map((r) => Prisma.sql`(${r.authorId}, ${r.body}, ${r.createdAt})`))}`;
    if ((done + rows.length) % 100_000 === 0 || done + rows.length === posts) console.log(`  ${done + rows.length} / ${posts} posts`);
  }
  // The bulk path goes round PostRepository, which counts each post as it adds it.
  await db.$executeRaw`UPDATE "User" SET "postCount" = (SELECT COUNT(*) FROM "Post" WHERE "Post"."authorId" = "User"."id")`;
}
