import type { Database } from "../../app/database/client.js";
import { tokenHash } from "../../app/domain/account-token.js";
import { toUserCreate } from "../../app/mappers/user-mapper.js";
import type { Argon2Cost } from "../../app/config.js";
import type { NotificationKind } from "../../app/domain/notification.js";
import { Prisma } from "../../app/generated/prisma/client.js";
import { PasswordHasher } from "../../app/services/accounts/password-hasher.js";

export const BENCH_USER = "bench";
export const BENCH_PASSWORD = "bench-password";
/** The secret of the bench user's reset link (43 base64url characters, as Jot makes them). */
export const BENCH_RESET_SECRET = "bench-reset-link-secret-".padEnd(43, "0");
const DAY_MS = 24 * 60 * 60_000;
/** Someone else, whose popover the bench user opens, and with whom half of their messages are exchanged (the conversation target). */
export const OTHER_USER = "user1";
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;
const CHUNK = 5000;
const FOLLOWS = 20;
/** One user in this many follows the bench user besides their FOLLOWS. */
const BENCH_FAN_EVERY = 4;
/** The bench user has sent this many messages and received as many, for the messages target. */
const MESSAGES = 40;
/** The bench user opened their conversations after every this many received messages. */
const READ_EVERY = 10;
/** Replies, mentions, likes, reposts and follows on the bench user's notifications page. */
const LISTED_NOTIFICATIONS = 100;
const MONTH_MS = 30 * 24 * 60 * 60 * 1000;
/** One post in this many answers one of the REPLY_REACH posts before it, as conversations do. */
const REPLY_EVERY = 10;
const REPLY_REACH = 1000;
/** One post in this many carries #bench, for the tag page target. */
export const BENCH_TAG = "bench";
const TAG_EVERY = 20;
/** The thread target: a chain of this many posts, the last with THREAD_REPLIES replies. */
const THREAD_DEPTH = 5;
const THREAD_REPLIES = 200;
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

/** The names of the `users` accounts the seed makes, the bench user first. */
export function seededUsernames(users: number): string[] {
  return [BENCH_USER, ...Array.from({ length: users - 1 }, (_, i) => `user${i + 1}`)];
}

/**
 * Bulk path: `users` accounts (one real password hash shared by all, so logging in as any works),
 * each following 20 others and every fourth following the bench user too (a followers list of
 * several pages, for the followers target), and `posts` posts spread over the last year, written
 * oldest first as a real site's are. The bench user writes a tenth of them, for the profile target,
 * and has a month of messages and the notifications they brought, for the messages and
 * notifications poll targets.
 */
export async function seedBulk(db: Database, users: number, posts: number, cost: Argon2Cost): Promise<{ threadPostId: number }> {
  const passwordHash = await new PasswordHasher(cost, { concurrency: 1, queue: 1 }).hash(BENCH_PASSWORD);
  if (users < 2) throw new Error("seed at least 2 users");
  const names = seededUsernames(users);
  // Every address confirmed, as on a site whose users have been posting for a year.
  const confirmed = new Date();
  await db.user.createMany({
    data: names.map((username) => ({ ...toUserCreate({ username, email: `${username}@bench.example`, passwordHash }), emailVerifiedAt: confirmed })),
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
  // Which posts answer an earlier one: a source of their own, so the posts' authors, texts and
  // times stay those of every earlier run's seed. A fresh table numbers the posts from 1 in order.
  const conversing = mulberry32(5);
  const authors: number[] = [];
  const spacing = YEAR_MS / posts;
  for (let done = 0; done < posts; done += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, posts - done) }, (_, i) => {
      const authorId = random() < 0.1 ? ids[0]! : ids[Math.floor(random() * ids.length)]!;
      const index = done + i;
      authors.push(authorId);
      const replyTo = index > 0 && conversing() < 1 / REPLY_EVERY ? index - 1 - Math.floor(conversing() * Math.min(index, REPLY_REACH)) : undefined;
      const words = sentence(random);
      return {
        authorId,
        body: index % TAG_EVERY === 0 ? `${words.slice(0, 140 - BENCH_TAG.length - 2)} #${BENCH_TAG}` : words,
        createdAt: new Date(now - YEAR_MS + Math.floor((index + random()) * spacing)),
        replyToId: replyTo === undefined ? null : replyTo + 1,
        replyToAuthorId: replyTo === undefined ? null : authors[replyTo]!,
      };
    });
    // One INSERT of many rows: createMany spent most of the seeding time building its statement.
    await db.$executeRaw`INSERT INTO "Post" ("authorId", "body", "createdAt", "replyToId", "replyToAuthorId") VALUES ${Prisma.join(
      rows.map((r) => Prisma.sql`(${r.authorId}, ${r.body}, ${r.createdAt}, ${r.replyToId}, ${r.replyToAuthorId})`),
    )}`;
    if ((done + rows.length) % 100_000 === 0 || done + rows.length === posts) console.log(`  ${done + rows.length} / ${posts} posts`);
  }

  // The thread target: a conversation of THREAD_DEPTH posts over the last day, its last post with
  // THREAD_REPLIES replies from anyone.
  const thread = mulberry32(11);
  let threadPostId = 0;
  for (let depth = 0; depth < THREAD_DEPTH; depth++) {
    const [row] = await db.$queryRaw<{ id: number }[]>`
      INSERT INTO "Post" ("authorId", "body", "createdAt", "replyToId", "replyToAuthorId")
      VALUES (${ids[depth % 2]!}, ${sentence(thread)}, ${new Date(now - DAY_MS + depth * 60_000)}, ${threadPostId || null}, ${threadPostId ? ids[(depth - 1) % 2]! : null})
      RETURNING "id"`;
    threadPostId = row!.id;
  }
  const replies = Array.from({ length: THREAD_REPLIES }, (_, i) => ({
    authorId: ids[Math.floor(thread() * ids.length)]!,
    body: sentence(thread),
    createdAt: new Date(now - DAY_MS / 2 + i * 60_000),
  }));
  await db.$executeRaw`INSERT INTO "Post" ("authorId", "body", "createdAt", "replyToId", "replyToAuthorId") VALUES ${Prisma.join(
    replies.map((r) => Prisma.sql`(${r.authorId}, ${r.body}, ${r.createdAt}, ${threadPostId}, ${ids[(THREAD_DEPTH - 1) % 2]!})`),
  )}`;
  console.log(`  a thread of ${THREAD_DEPTH} posts, the last (/post/${threadPostId}) with ${THREAD_REPLIES} replies`);

  // Reposts: the author of every twentieth post (not a reply) also reposted, at that time, the
  // post seven before it, when that is someone else's. Each post is reposted at most once.
  await db.$executeRaw`INSERT INTO "Post" ("authorId", "body", "createdAt", "repostOfId")
    SELECT p."authorId", '', p."createdAt", q."id" FROM "Post" p JOIN "Post" q ON q."id" = p."id" - 7
    WHERE p."id" % 20 = 0 AND p."replyToId" IS NULL AND q."repostOfId" IS NULL AND q."authorId" <> p."authorId"`;
  await db.$executeRaw`UPDATE "Post" SET "repostCount" = 1 WHERE "id" IN (SELECT "repostOfId" FROM "Post" WHERE "repostOfId" IS NOT NULL)`;
  console.log(`  ${await db.post.count({ where: { repostOfId: { not: null } } })} reposts`);

  // The bulk path goes round PostRepository, which counts each post and each reply as it adds it,
  // and files it under its tags.
  await db.tag.create({ data: { name: BENCH_TAG } });
  await db.$executeRaw`INSERT INTO "PostTag" ("postId", "tagId", "createdAt")
    SELECT p."id", t."id", p."createdAt" FROM "Post" p, "Tag" t WHERE t."name" = ${BENCH_TAG} AND p."body" LIKE ${`% #${BENCH_TAG}`}`;
  await db.$executeRaw`UPDATE "User" SET "postCount" = (SELECT COUNT(*) FROM "Post" WHERE "Post"."authorId" = "User"."id" AND "Post"."repostOfId" IS NULL)`;
  await db.$executeRaw`UPDATE "Post" SET "replyCount" = (SELECT COUNT(*) FROM "Post" r WHERE r."replyToId" = "Post"."id")
    WHERE "id" IN (SELECT "replyToId" FROM "Post" WHERE "replyToId" IS NOT NULL)`;

  // Over the last month, oldest first, the bench user sent a message and received one in turn, half
  // of them with OTHER_USER (the second user made), the others with anyone else.
  const bench = ids[0]!;
  const chat = mulberry32(99);
  const messages = Array.from({ length: 2 * MESSAGES }, (_, i) => {
    const other = i % 4 < 2 ? ids[1]! : ids[1 + Math.floor(chat() * (ids.length - 1))]!;
    const [senderId, recipientId] = i % 2 === 0 ? [bench, other] : [other, bench];
    return { senderId, recipientId, body: sentence(chat), createdAt: new Date(now - MONTH_MS + Math.floor((i * MONTH_MS) / (2 * MESSAGES))) };
  });
  await db.$executeRaw`INSERT INTO "Message" ("senderId", "recipientId", "body", "createdAt") VALUES ${Prisma.join(messages.map((m) => Prisma.sql`(${m.senderId}, ${m.recipientId}, ${m.body}, ${m.createdAt})`))}`;
  // Each person's conversations as MessageRepository keeps them: the newest message either way, all read.
  await db.$executeRaw`INSERT INTO "Chat" ("ownerId", "otherId", "lastMessageId", "lastAt", "unread")
    SELECT pair."ownerId", pair."otherId", m."id", m."createdAt", 0
    FROM (SELECT "ownerId", "otherId", MAX("id") AS "lastId"
          FROM (SELECT "senderId" AS "ownerId", "recipientId" AS "otherId", "id" FROM "Message"
                UNION ALL SELECT "recipientId", "senderId", "id" FROM "Message") ends
          GROUP BY "ownerId", "otherId") pair
    JOIN "Message" m ON m."id" = pair."lastId"`;
  // Their notification log as Jot would have written it: each received message, and a read after
  // every READ_EVERY of them. The last read leaves none unread, so Jot's pages carry no unread
  // badge, as the twins' (which know no unread count) do not.
  const received = messages.filter((m) => m.recipientId === bench);
  type Logged = { kind: NotificationKind; actorId: number | null; createdAt: Date };
  const notifications = received.flatMap((m, i) => {
    const message: Logged = { kind: "message", actorId: m.senderId, createdAt: m.createdAt };
    const read: Logged = { kind: "read", actorId: null, createdAt: new Date(m.createdAt.getTime() + 60_000) };
    return (i + 1) % READ_EVERY === 0 ? [message, read] : [message];
  });
  // And what the notifications page lists, in the month's last day: follows, replies, mentions,
  // likes and reposts of the bench user's own posts by the people the messages came from.
  const own = await db.post.findMany({ where: { authorId: bench }, select: { id: true }, orderBy: { id: "desc" }, take: LISTED_NOTIFICATIONS });
  const kinds: NotificationKind[] = ["follower", "reply", "mention", "like", "repost"];
  const listed = own.map(({ id }, i): Logged & { postId: number | null } => {
    const kind = kinds[i % kinds.length]!;
    return { kind, actorId: received[i % received.length]!.senderId, postId: kind === "follower" ? null : id, createdAt: new Date(now - DAY_MS + i * 60_000) };
  });
  const log = [...notifications.map((n) => ({ ...n, postId: null })), ...listed];
  await db.$executeRaw`INSERT INTO "Notification" ("userId", "seq", "kind", "actorId", "postId", "createdAt") VALUES ${Prisma.join(log.map((n, i) => Prisma.sql`(${bench}, ${i + 1}, ${n.kind}, ${n.actorId}, ${n.postId}, ${n.createdAt})`))}`;
  // The bulk path goes round MessageRepository too, which numbers the log and marks what is read
  // (the notifications page too: opening it writes nothing, as the twin's does not).
  await db.$executeRaw`UPDATE "User" SET "notificationSeq" = ${log.length}, "notificationsReadSeq" = ${log.length} WHERE "id" = ${bench}`;
  console.log(`  ${MESSAGES} messages sent and ${MESSAGES} received by ${BENCH_USER}, ${log.length} notifications`);

  // A reset link the bench user asked for, working for the whole run, for the reset page's target.
  await db.accountToken.create({ data: { userId: bench, purpose: "reset", hash: tokenHash(BENCH_RESET_SECRET)!, expiresAt: new Date(now + DAY_MS) } });
  return { threadPostId };
}
