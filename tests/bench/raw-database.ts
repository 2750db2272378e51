// The raw twins' data access: the same SQL Jot's repositories run, straight through the database
// driver (better-sqlite3 for a file: URL, pg for a postgresql:// one), with no layers in between.
import Database from "better-sqlite3";
import pg from "pg";
import { providerOf } from "../../app/database-url.js";
import { PAGE_SIZE, type Cursor } from "../../app/domain/page.js";
import type { User } from "../../app/domain/user.js";
import type { FollowEntryRow, StandingRow } from "../../app/mappers/follow-mapper.js";
import type { Suggestion } from "../../app/domain/follow.js";
import type { Message } from "../../app/domain/message.js";
import type { ChatRow } from "../../app/mappers/message-mapper.js";
import type { PostWithAuthorRow } from "../../app/mappers/post-mapper.js";
import type { ListedNotificationRow, NotificationRow } from "../../app/mappers/notification-mapper.js";

// A page and one more, to know whether an older page exists, as the repositories read.
const PAGE_AND_ONE = PAGE_SIZE + 1;

/** A post with its author's and the answered author's names, as PostRepository reads it. */
export type RawRow = PostWithAuthorRow;

/** A row of NotificationRepository.since: a notification (its columns null when there is none), the user's latest number and unread counts. */
export type NewsRow = NotificationRow & { latest: number; unread: bigint | number; unreadNotifications: bigint | number };

export interface RawDatabase {
  /** A page and one of posts with their authors' names, newest first, older than `older`, by `authorId` if given. */
  page(older?: Cursor, authorId?: number): Promise<RawRow[]>;
  /** A post and up to 10 posts it answers, the furthest first (PostRepository.thread). */
  thread(id: number): Promise<RawRow[]>;
  /** The newest page and one of posts carrying a tag (PostRepository.tagged, first page). */
  tagged(tag: string): Promise<RawRow[]>;
  /** The first page and one of replies to a post, oldest first (PostRepository.replies). */
  replies(id: number): Promise<RawRow[]>;
  /** The followed feed as Jot reads it for a user following fewer than 200: whom they follow, then each author's newest posts merged. */
  feed(userId: number, older?: Cursor): Promise<RawRow[]>;
  /** A page and one of of the user's followers, newest follow first, older than `older`, each with whether the viewer follows them. */
  followers(userId: number, viewerId: number, older?: Cursor): Promise<FollowEntryRow[]>;
  /** The newest page and one of the user's conversations, each with its newest message (MessageRepository.chats). */
  chats(userId: number): Promise<ChatRow[]>;
  /** The newest page and one of the messages between two people, and the first one's unread count (MessageRepository.between). */
  between(userId: number, otherId: number): Promise<(Message & { unread: number | bigint | null })[]>;
  /** Who to follow: people posting lately whom the user does not follow (FollowRepository.suggestions). */
  suggestions(userId: number): Promise<Suggestion[]>;
  /** The newest page and one of notifications the page lists (NotificationRepository.page, first page). */
  notificationsPage(userId: number): Promise<ListedNotificationRow[]>;
  /** The user's notifications after number `afterSeq`, oldest first, at most NEWS_BATCH: one row with nulls when none. */
  news(userId: number, afterSeq: number): Promise<NewsRow[]>;
  userByKey(usernameKey: string): Promise<User | undefined>;
  /** The counts a profile shows: posts, followers, following, and whether the viewer follows. */
  standing(userId: number, viewerId: number): Promise<StandingRow>;
  addPost(authorId: number, body: string): Promise<void>;
  /** ReactionRepository.add of a like: the count moved first (holding the post), the like inserted, the count moved back if it was there; the new count. */
  like(userId: number, postId: number): Promise<number | undefined>;
  /** Counts one attempt at a rate-limited key at `minute`, opening a window ending at `newEnd` if its own has ended (RateLimitRepository.hit). */
  hit(key: string, minute: number, newEnd: number): Promise<void>;
  /** The user a live link (by its hash) is for, if it is one (AccountTokenRepository.find). */
  liveToken(hash: string, purpose: string): Promise<{ userId: number } | undefined>;
  /** The address the user's live confirmation link is for (AccountTokenRepository.addressBeingConfirmed). */
  addressBeingConfirmed(userId: number): Promise<string | null>;
}

/** Sets the user whose likes the posts read tell. */
export function readAs(userId: number): void {
  reader = userId;
}

/** A cursor's parameters, by name. */
type Older = { at: string; id: string };

/** Newest first over (time, id) columns and past a cursor, as app/repositories/keyset.ts writes them. */
const keyset = (time: string, id: string) => ({
  newestFirst: `ORDER BY ${time} DESC, ${id} DESC LIMIT ${PAGE_AND_ONE}`,
  older: (older?: Older) => (older ? [`${time} <= ${older.at} AND (${time} < ${older.at} OR ${id} < ${older.id})`] : []),
});
const POSTS = keyset('p."createdAt"', 'p."id"');
const FOLLOWERS = keyset('f."createdAt"', 'f."followerId"');
const MESSAGES = keyset('m."createdAt"', 'm."id"');
const CHATS = keyset('c."lastAt"', 'c."otherId"');

/** The one reader the twin serves, whose likes each post read tells (Jot binds it as a parameter; the twin writes it in). */
let reader = 0;
const select = () => `SELECT o."id", o."body", o."createdAt", o."authorId", o."replyToId", o."replyToAuthorId", o."replyCount", o."likeCount", o."repostCount", o."deletedAt", o."mentions", o."editedAt",
    u."username" AS "authorUsername", r."username" AS "replyToUsername",
    EXISTS (SELECT 1 FROM "Like" l WHERE l."userId" = ${reader} AND l."postId" = o."id") AS "liked",
    EXISTS (SELECT 1 FROM "Post" x WHERE x."authorId" = ${reader} AND x."repostOfId" = o."id") AS "reposted",
    p."id" AS "entryId", p."createdAt" AS "entryAt", b."id" AS "reposterId", b."username" AS "reposterUsername"
  FROM "Post" p JOIN "Post" o ON o."id" = COALESCE(p."repostOfId", p."id")
  JOIN "User" u ON u."id" = o."authorId" LEFT JOIN "User" r ON r."id" = o."replyToAuthorId"
  LEFT JOIN "User" b ON b."id" = p."authorId" AND p."repostOfId" IS NOT NULL`;
const NOT_DELETED = 'p."deletedAt" IS NULL';
const NOT_A_REPOST = 'p."repostOfId" IS NULL';
/** WHERE conditions: not deleted, by one author (not their replies to others) or no reposts, and past a cursor, each given by its parameters' names. */
const conditions = (author?: string, older?: Older) => [
  NOT_DELETED,
  ...(author ? [`p."authorId" = ${author}`, '(p."replyToAuthorId" IS NULL OR p."replyToAuthorId" = p."authorId")'] : [NOT_A_REPOST]),
  ...POSTS.older(older),
];
/** The feed's rule for replies, for the viewer given by its parameter's name. */
const inFeedOf = (viewer: string) => `(p."authorId" = ${viewer} OR p."replyToAuthorId" IS NULL
  OR p."replyToAuthorId" = p."authorId" OR p."replyToAuthorId" = ${viewer}
  OR EXISTS (SELECT 1 FROM "Follow" f WHERE f."followerId" = ${viewer} AND f."followedId" = p."replyToAuthorId"))`;
const threadSql = (id: string) => `WITH RECURSIVE chain ("id", "depth") AS (
    SELECT "id", 0 FROM "Post" WHERE "id" = ${id} AND "repostOfId" IS NULL
    UNION ALL
    SELECT (SELECT p."replyToId" FROM "Post" p WHERE p."id" = c."id"), c."depth" + 1 FROM chain c
    WHERE c."id" IS NOT NULL AND c."depth" < 10
  )
  ${select()} WHERE p."id" IN (SELECT "id" FROM chain)
  ORDER BY (SELECT c."depth" FROM chain c WHERE c."id" = p."id") DESC`;
const taggedSql = (tag: string) =>
  `${select()} JOIN "PostTag" t ON t."postId" = p."id" WHERE t."tagId" = (SELECT "id" FROM "Tag" WHERE "name" = ${tag}) ORDER BY t."createdAt" DESC, t."postId" DESC LIMIT ${PAGE_AND_ONE}`;
const repliesSql = (id: string) =>
  `${select()} WHERE p."replyToId" = ${id} AND (p."deletedAt" IS NULL OR p."replyCount" > 0) ORDER BY p."createdAt" ASC, p."id" ASC LIMIT ${PAGE_AND_ONE}`;
const FOLLOWED = 'SELECT "followedId" FROM "Follow" WHERE "followerId" = ';
/** Each author's newest page and one of posts (past the cursor), merged; `author(i)` and `older` name the parameters. */
function feedSql(authors: number, author: (i: number) => string, older?: Older): string {
  const selects = Array.from(
    { length: authors },
    (_, i) =>
      `SELECT * FROM (SELECT p."createdAt", p."id" FROM "Post" p WHERE ${[`p."authorId" = ${author(i)}`, NOT_DELETED, inFeedOf(author(0)), ...POSTS.older(older)].join(" AND ")} ${POSTS.newestFirst}) AS a${i}`,
  );
  const merged = `${selects.join(" UNION ALL ")} ORDER BY "createdAt" DESC, "id" DESC LIMIT ${PAGE_AND_ONE}`;
  return `${select()} JOIN (${merged}) m ON m."id" = p."id" ${POSTS.newestFirst}`;
}
const USER = 'SELECT "id", "username", "usernameKey", "email", "passwordHash", "createdAt", "aboutMe", "lastSeen" FROM "User" WHERE "usernameKey" = ';
const INSERT = 'INSERT INTO "Post" ("body", "authorId", "createdAt") VALUES ';
const HIT = (key: string, minute: string, newEnd: string) =>
  `INSERT INTO "RateLimit" ("key", "windowEnd", "hits") VALUES (${key}, ${newEnd}, 1)
   ON CONFLICT ("key") DO UPDATE SET
     "hits" = CASE WHEN "RateLimit"."windowEnd" <= ${minute} THEN 1 ELSE "RateLimit"."hits" + 1 END,
     "windowEnd" = CASE WHEN "RateLimit"."windowEnd" <= ${minute} THEN excluded."windowEnd" ELSE "RateLimit"."windowEnd" END
   RETURNING "hits", "windowEnd"`;
const LIVE_TOKEN = (hash: string, purpose: string, now: string) =>
  `SELECT "userId" FROM "AccountToken" WHERE "hash" = ${hash} AND "purpose" = ${purpose} AND "expiresAt" > ${now} LIMIT 1`;
const CONFIRMING = (user: string, now: string) =>
  `SELECT "email" FROM "AccountToken" WHERE "userId" = ${user} AND "purpose" = 'verify' AND "expiresAt" > ${now} LIMIT 1`;
const COUNT_POST = 'UPDATE "User" SET "postCount" = "postCount" + 1 WHERE "id" = ';
const COUNT_LIKE = (by: string, post: string) => `UPDATE "Post" SET "likeCount" = "likeCount" + ${by} WHERE "id" = ${post} AND "deletedAt" IS NULL AND "repostOfId" IS NULL RETURNING "likeCount"`;
const INSERT_LIKE = (user: string, post: string, at: string) => `INSERT INTO "Like" ("userId", "postId", "createdAt") VALUES (${user}, ${post}, ${at}) ON CONFLICT DO NOTHING`;
const STANDING = (user: string, viewer: string) =>
  `SELECT (SELECT "postCount" FROM "User" WHERE "id" = ${user}) AS "posts",
          (SELECT COUNT(*) FROM "Follow" WHERE "followedId" = ${user}) AS "followers",
          (SELECT COUNT(*) FROM "Follow" WHERE "followerId" = ${user}) AS "following",
          EXISTS (SELECT 1 FROM "Follow" WHERE "followerId" = ${viewer} AND "followedId" = ${user}) AS "followedByViewer"`;
/** FollowRepository.list for followers, past a cursor or not, with the parameter names given. */
const followersSql = (user: string, viewer: string, older?: Older) =>
  `SELECT u."id", u."username", u."aboutMe", f."createdAt" AS "since",
          EXISTS (SELECT 1 FROM "Follow" v WHERE v."followerId" = ${viewer} AND v."followedId" = u."id") AS "followedByViewer"
   FROM "Follow" f JOIN "User" u ON u."id" = f."followerId"
   WHERE ${[`f."followedId" = ${user}`, ...FOLLOWERS.older(older)].join(" AND ")} ${FOLLOWERS.newestFirst}`;

/** MessageRepository.chats for the first page, with the parameter name given. */
const chatsSql = (user: string) =>
  `SELECT c."otherId", u."username" AS "otherUsername", c."unread", m."id", m."senderId", m."body", m."createdAt"
   FROM "Chat" c JOIN "User" u ON u."id" = c."otherId" JOIN "Message" m ON m."id" = c."lastMessageId"
   WHERE c."ownerId" = ${user} ${CHATS.newestFirst}`;
/** MessageRepository.between for the first page: each direction's newest, merged; with the parameter names given. */
const betweenSql = (user: string, other: string) => {
  const direction = (from: string, to: string) =>
    `SELECT * FROM (SELECT m."id", m."senderId", m."recipientId", m."body", m."createdAt" FROM "Message" m
     WHERE m."senderId" = ${from} AND m."recipientId" = ${to} ${MESSAGES.newestFirst}) d`;
  return `SELECT m.*, (SELECT c."unread" FROM "Chat" c WHERE c."ownerId" = ${user} AND c."otherId" = ${other}) AS "unread"
   FROM (${direction(user, other)} UNION ALL ${direction(other, user)}) m ${MESSAGES.newestFirst}`;
};
/** FollowRepository.suggestions (200 posts looked through, 3 people), with the parameter name given. */
const suggestionsSql = (user: string) =>
  `SELECT u."id", u."username", u."aboutMe"
   FROM (SELECT "authorId", MAX("createdAt") AS "at"
         FROM (SELECT "authorId", "createdAt" FROM "Post" WHERE "deletedAt" IS NULL ORDER BY "createdAt" DESC LIMIT 200) newest
         GROUP BY "authorId") recent
   JOIN "User" u ON u."id" = recent."authorId"
   WHERE recent."authorId" <> ${user}
     AND NOT EXISTS (SELECT 1 FROM "Follow" f WHERE f."followerId" = ${user} AND f."followedId" = recent."authorId")
   ORDER BY recent."at" DESC, u."id" LIMIT 3`;
/** NotificationRepository.since's NEWS_BATCH: it binds its LIMIT as a parameter, so the twin does too. */
const NEWS_BATCH = 50;
/** NotificationRepository.since's statement, with the parameter names given. */
const newsSql = (user: string, after: string, batch: string) =>
  `SELECT n."seq", n."kind", a."username" AS "actor", n."actorId", n."postId", n."createdAt", u."notificationSeq" AS "latest",
          (SELECT COALESCE(SUM(c."unread"), 0) FROM (SELECT uc."unread" FROM "Chat" uc WHERE uc."ownerId" = u."id" AND uc."unread" > 0 LIMIT 100) c) AS "unread",
          (SELECT COUNT(*) FROM (SELECT 1 FROM "Notification" un WHERE un."userId" = u."id" AND un."seq" > u."notificationsReadSeq"
            AND un."kind" IN ('follower', 'reply', 'mention', 'like', 'repost') LIMIT 100) unread) AS "unreadNotifications"
   FROM "User" u
   LEFT JOIN "Notification" n ON n."userId" = u."id" AND n."seq" > ${after}
   LEFT JOIN "User" a ON a."id" = n."actorId"
   WHERE u."id" = ${user}
   ORDER BY n."seq" LIMIT ${batch}`;

/** NotificationRepository.page's statement for the first page, with the parameter name given. */
const notificationsPageSql = (user: string) =>
  `SELECT n."seq", n."kind", a."username" AS "actor", n."actorId", n."postId", n."createdAt", p."body" AS "postBody", p."mentions" AS "postMentions",
          n."seq" > u."notificationsReadSeq" AS "unread",
          CASE n."kind"
            WHEN 'like' THEN p."likeCount" - 1 - (CASE WHEN EXISTS (SELECT 1 FROM "Like" l WHERE l."userId" = ${user} AND l."postId" = p."id") THEN 1 ELSE 0 END)
            WHEN 'repost' THEN p."repostCount" - 1 - (CASE WHEN EXISTS (SELECT 1 FROM "Post" x WHERE x."authorId" = ${user} AND x."repostOfId" = p."id") THEN 1 ELSE 0 END)
            ELSE 0 END AS "others"
   FROM "Notification" n JOIN "User" u ON u."id" = n."userId"
   LEFT JOIN "User" a ON a."id" = n."actorId" LEFT JOIN "Post" p ON p."id" = n."postId"
   WHERE n."userId" = ${user} AND n."kind" IN ('follower', 'reply', 'mention', 'like', 'repost')
   ORDER BY n."createdAt" DESC, n."seq" DESC LIMIT ${PAGE_AND_ONE}`;

/** The page statement, by one author or not and past a cursor or not, with the parameter names given. */
function pageSql(author?: string, older?: Older): string {
  const where = conditions(author, older);
  return `${select()} ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ${POSTS.newestFirst}`;
}

function sqliteDatabase(file: string): RawDatabase {
  const db = new Database(file);
  type Values = Record<string, unknown>;
  // Each statement prepared once, as Jot's are.
  const prepared = new Map<string, Database.Statement<[Values], Values>>();
  const statement = (sql: string) => prepared.get(sql) ?? prepared.set(sql, db.prepare<[Values], Values>(sql)).get(sql)!;
  /** SQLite keeps DateTime as text: the columns named become Dates (a null stays null). */
  const dated =
    <T>(...columns: (keyof T & string)[]) =>
    (row: Values): T => {
      for (const column of columns) if (row[column] !== null) row[column] = new Date(row[column] as string);
      return row as T;
    };
  const post = dated<RawRow>("createdAt", "deletedAt");
  // Stored the way Prisma's SQLite adapter writes DateTime, so comparisons match.
  const stored = (date: Date) => date.toISOString().replace("Z", "+00:00");
  const named = (older?: Cursor) => (older ? { at: "@at", id: "@id" } : undefined);
  const past = (older?: Cursor) => (older ? { at: stored(older.createdAt), id: older.id } : {});
  const addAndCount = db.transaction((body: string, author: number, at: string) => {
    statement(`${INSERT}(@body, @author, @at)`).run({ body, author, at });
    statement(`${COUNT_POST}@author`).run({ author });
  });
  const likeAndCount = db.transaction((user: number, post: number, at: string): number | undefined => {
    const counted = statement(COUNT_LIKE("1", "@post")).get({ post });
    if (!counted) return undefined;
    if (statement(INSERT_LIKE("@user", "@post", "@at")).run({ user, post, at }).changes > 0) return Number(counted.likeCount);
    return Number(statement(COUNT_LIKE("-1", "@post")).get({ post })!.likeCount);
  });
  return {
    async page(older, authorId) {
      const author = authorId === undefined ? {} : { author: authorId };
      return statement(pageSql(authorId === undefined ? undefined : "@author", named(older)))
        .all({ ...author, ...past(older) })
        .map(post);
    },
    async thread(id) {
      return statement(threadSql("@id")).all({ id }).map(post);
    },
    async replies(id) {
      return statement(repliesSql("@id")).all({ id }).map(post);
    },
    async tagged(tag) {
      return statement(taggedSql("@tag")).all({ tag }).map(post);
    },
    async feed(userId, older) {
      const followed = statement(`${FOLLOWED}@user`).all({ user: userId });
      const authors = [userId, ...followed.map((f) => f.followedId as number)];
      return statement(feedSql(authors.length, (i) => `@a${i}`, named(older)))
        .all({ ...Object.fromEntries(authors.map((author, i) => [`a${i}`, author])), ...past(older) })
        .map(post);
    },
    async followers(user, viewer, older) {
      return statement(followersSql("@user", "@viewer", named(older)))
        .all({ user, viewer, ...past(older) })
        .map(dated<FollowEntryRow>("since"));
    },
    async chats(user) {
      return statement(chatsSql("@user")).all({ user }).map(dated<ChatRow>("createdAt"));
    },
    async between(user, other) {
      return statement(betweenSql("@user", "@other")).all({ user, other }).map(dated<Message & { unread: number }>("createdAt"));
    },
    async suggestions(user) {
      return statement(suggestionsSql("@user")).all({ user }) as unknown as Suggestion[];
    },
    async notificationsPage(user) {
      return statement(notificationsPageSql("@user")).all({ user }).map(dated<ListedNotificationRow>("createdAt"));
    },
    async news(user, after) {
      return statement(newsSql("@user", "@after", "@batch"))
        .all({ user, after, batch: NEWS_BATCH })
        .map(dated<NewsRow>("createdAt"));
    },
    async userByKey(key) {
      const row = statement(`${USER}@key`).get({ key });
      return row && dated<User>("createdAt", "lastSeen")(row);
    },
    async standing(user, viewer) {
      return statement(STANDING("@user", "@viewer")).get({ user, viewer }) as unknown as StandingRow;
    },
    async addPost(authorId, body) {
      // As Jot does: the post and its author's count in one transaction.
      addAndCount(body, authorId, stored(new Date()));
    },
    async like(userId, postId) {
      // better-sqlite3 runs a transaction as BEGIN DEFERRED; its first statement is the write that takes the lock, as Jot's is.
      return likeAndCount(userId, postId, stored(new Date()));
    },
    async hit(key, minute, newEnd) {
      statement(HIT("@key", "@minute", "@newEnd")).get({ key, minute, newEnd });
    },
    async liveToken(hash, purpose) {
      return statement(LIVE_TOKEN("@hash", "@purpose", "@now")).get({ hash, purpose, now: stored(new Date()) }) as { userId: number } | undefined;
    },
    async addressBeingConfirmed(user) {
      return (statement(CONFIRMING("@user", "@now")).get({ user, now: stored(new Date()) })?.email as string | undefined) ?? null;
    },
  };
}

function postgresDatabase(url: string): RawDatabase {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Prisma keeps DateTime as UTC in `timestamp` columns; read and write them as UTC, whatever the local zone.
  const utc = (oid: number) => (oid === 1114 ? (text: string) => new Date(`${text.replace(" ", "T")}Z`) : pg.types.getTypeParser(oid));
  // Prepared once per connection, as Jot's are.
  const names = new Map<string, string>();
  const nameOf = (text: string) => names.get(text) ?? names.set(text, `raw_${names.size + 1}`).get(text)!;
  const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[]) =>
    (await pool.query<T>({ name: nameOf(text), text, values, types: { getTypeParser: utc as never } })).rows;
  const stored = (date: Date) => date.toISOString().replace("Z", "");
  /** The cursor's parameters, numbered from `from`, and their values. */
  const numbered = (older: Cursor | undefined, from: number) => (older ? { at: `$${from}`, id: `$${from + 1}` } : undefined);
  const past = (older?: Cursor) => (older ? [stored(older.createdAt), older.id] : []);
  return {
    page(older, authorId) {
      const author = authorId === undefined ? [] : [authorId];
      return query<RawRow>(pageSql(author.length ? "$1" : undefined, numbered(older, author.length + 1)), [...author, ...past(older)]);
    },
    thread(id) {
      return query<RawRow>(threadSql("$1"), [id]);
    },
    replies(id) {
      return query<RawRow>(repliesSql("$1"), [id]);
    },
    tagged(tag) {
      return query<RawRow>(taggedSql("$1"), [tag]);
    },
    async feed(userId, older) {
      const followed = await query<{ followedId: number }>(`${FOLLOWED}$1`, [userId]);
      const authors = [userId, ...followed.map((f) => f.followedId)];
      const sql = feedSql(authors.length, (i) => `$${i + 1}`, numbered(older, authors.length + 1));
      return query<RawRow>(sql, [...authors, ...past(older)]);
    },
    followers(user, viewer, older) {
      return query<FollowEntryRow>(followersSql("$1", "$2", numbered(older, 3)), [user, viewer, ...past(older)]);
    },
    chats(user) {
      return query<ChatRow>(chatsSql("$1"), [user]);
    },
    between(user, other) {
      return query<Message & { unread: number }>(betweenSql("$1", "$2"), [user, other]);
    },
    suggestions(user) {
      return query<Suggestion>(suggestionsSql("$1"), [user]);
    },
    notificationsPage(user) {
      return query<ListedNotificationRow>(notificationsPageSql("$1"), [user]);
    },
    news(user, after) {
      return query<NewsRow>(newsSql("$1", "$2", "$3"), [user, after, NEWS_BATCH]);
    },
    async userByKey(key) {
      return (await query<User>(`${USER}$1`, [key]))[0];
    },
    async standing(user, viewer) {
      return (await query<StandingRow>(STANDING("$1", "$2"), [user, viewer]))[0]!;
    },
    async addPost(authorId, body) {
      // As Jot does: the post and its author's count in one transaction.
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        await client.query({ name: "raw_insert", text: `${INSERT}($1, $2, $3)`, values: [body, authorId, stored(new Date())] });
        await client.query({ name: "raw_count", text: `${COUNT_POST}$1`, values: [authorId] });
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      } finally {
        client.release();
      }
    },
    async hit(key, minute, newEnd) {
      await query(HIT("$1", "$2", "$3"), [key, minute, newEnd]);
    },
    async like(userId, postId) {
      const client = await pool.connect();
      const run = async (name: string, text: string, values: unknown[]) => (await client.query<{ likeCount: number }>({ name, text, values })).rows[0];
      try {
        await client.query("BEGIN");
        const counted = await run("raw_like_up", COUNT_LIKE("1", "$1"), [postId]);
        let count = counted?.likeCount;
        if (counted) {
          const added = await client.query({ name: "raw_like", text: INSERT_LIKE("$1", "$2", "$3"), values: [userId, postId, stored(new Date())] });
          if (added.rowCount === 0) count = (await run("raw_like_down", COUNT_LIKE("-1", "$1"), [postId]))!.likeCount;
        }
        await client.query("COMMIT");
        return count;
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      } finally {
        client.release();
      }
    },
    async liveToken(hash, purpose) {
      return (await query<{ userId: number }>(LIVE_TOKEN("$1", "$2", "$3"), [hash, purpose, stored(new Date())]))[0];
    },
    async addressBeingConfirmed(user) {
      return (await query<{ email: string }>(CONFIRMING("$1", "$2"), [user, stored(new Date())]))[0]?.email ?? null;
    },
  };
}

export function rawDatabase(databaseUrl: string): RawDatabase {
  return providerOf(databaseUrl) === "sqlite" ? sqliteDatabase(databaseUrl.slice("file:".length)) : postgresDatabase(databaseUrl);
}
