import type { Database } from "../database/client.js";
import { Prisma } from "../generated/prisma/client.js";
import { cursorOf, type Cursor, type Page, type PageRequest } from "../domain/page.js";
import { decodeMentions, encodeMentions, mentionedToNotify, type Mentions } from "../domain/mentions.js";
import { eachPostOnce, listedAt, type NewPost, type Post, type PostEdit, type PostVersion, type PostWithAuthor, type Thread } from "../domain/post.js";
import type { Post as PostRow } from "../generated/prisma/client.js";
import { toPost, toPostCreate, toPostWithAuthor, type PostWithAuthorRow } from "../mappers/post-mapper.js";
import { limit, pageOrder, pastCursor, toPage, where } from "./keyset.js";
import { whileUsersExist } from "./missing-user.js";
import { addNotification } from "./notification-repository.js";

// Pages are read with SQL of our own: through the ORM's findMany a page cost several times what its
// one statement costs (query compilation and result shaping). The SQL is the same on both databases:
// quoted identifiers, and Prisma writes each parameter as `?` or `$n` for the database it talks to.
const POST_COLUMNS = Prisma.sql`o."id", o."body", o."createdAt", o."authorId", o."replyToId", o."replyToAuthorId", o."replyCount", o."likeCount", o."repostCount", o."deletedAt", o."mentions", o."editedAt"`;
/**
 * A list's entries `p` (posts, and reposts of them) as posts `o`, with their authors' names, the
 * answered authors' names, whether `reader` likes and reposted each (look-ups of the like's key and
 * of the (authorId, repostOfId) key), and for a repost its reposter's name. Conditions and order
 * are on the entries.
 */
const postsWithAuthors = (reader: number) => Prisma.sql`
  SELECT ${POST_COLUMNS}, u."username" AS "authorUsername", r."username" AS "replyToUsername",
    EXISTS (SELECT 1 FROM "Like" l WHERE l."userId" = ${reader} AND l."postId" = o."id") AS "liked",
    EXISTS (SELECT 1 FROM "Post" x WHERE x."authorId" = ${reader} AND x."repostOfId" = o."id") AS "reposted",
    p."id" AS "entryId", p."createdAt" AS "entryAt", b."id" AS "reposterId", b."username" AS "reposterUsername"
  FROM "Post" p JOIN "Post" o ON o."id" = COALESCE(p."repostOfId", p."id")
  JOIN "User" u ON u."id" = o."authorId" LEFT JOIN "User" r ON r."id" = o."replyToAuthorId"
  LEFT JOIN "User" b ON b."id" = p."authorId" AND p."repostOfId" IS NOT NULL`;
/** Posts as lists show them: not the deleted ones (which stay only above their replies). */
const NOT_DELETED = Prisma.sql`p."deletedAt" IS NULL`;
/** A post of its own, not a repost. */
const NOT_A_REPOST = Prisma.sql`p."repostOfId" IS NULL`;
/** A post that starts a conversation, or answers its own author (a thread they write on). */
const NOT_A_REPLY_TO_OTHERS = Prisma.sql`(p."replyToAuthorId" IS NULL OR p."replyToAuthorId" = p."authorId")`;
/**
 * What `viewer`'s feed shows of the people they follow: their posts, and of their replies those
 * to someone the viewer follows too, or to the viewer (the rule of Twitter and Mastodon, so that
 * half a conversation between strangers never shows). All that is read of each post is in the
 * (authorId, createdAt, id, replyToAuthorId, deletedAt) index.
 */
const inFeedOf = (viewer: number) => Prisma.sql`(p."authorId" = ${viewer} OR p."replyToAuthorId" IS NULL
  OR p."replyToAuthorId" = p."authorId" OR p."replyToAuthorId" = ${viewer}
  OR EXISTS (SELECT 1 FROM "Follow" f WHERE f."followerId" = ${viewer} AND f."followedId" = p."replyToAuthorId"))`;
/** How many posts a thread's page shows above the post: past them, a link leads further up. */
export const ANCESTORS_SHOWN = 10;
const POST_ORDER = { time: Prisma.sql`p."createdAt"`, id: Prisma.sql`p."id"` };
// The same order over the columns of a UNION of such selects.
const MERGED_ORDER = { time: Prisma.sql`"createdAt"`, id: Prisma.sql`"id"` };

/**
 * Up to this many authors, a feed page merges each author's own newest posts (a short range of the
 * (authorId, createdAt, id) index each); past it, the authors are so many that walking all posts
 * newest first finds a page's worth within a few hundred rows. SQLite allows 500 selects in a UNION.
 */
const MERGED_AUTHORS = 200;

/** Whose posts a page holds, for whom: those matching `where`, or the merged posts of each of `authors` that match it. */
interface Scope {
  reader: number;
  where: Prisma.Sql[];
  authors?: number[];
}

/** `rows` posts of the scope past the cursor, with their authors' names, in page order. */
function pageStatement(scope: Scope, request: PageRequest, rows: number): Prisma.Sql {
  const cursor = pastCursor(request, POST_ORDER);
  const order = pageOrder(request, POST_ORDER);
  if (!scope.authors) {
    return Prisma.sql`${postsWithAuthors(scope.reader)} ${where([...scope.where, ...cursor])} ${order} ${limit(rows)}`;
  }
  // Each author's newest posts on their own, read from the (authorId, createdAt, id) index alone and
  // merged; the posts themselves and their authors' names are read for the page's rows only.
  const byAuthor = scope.authors.map((author, i) => {
    const keys = Prisma.sql`SELECT p."createdAt", p."id" FROM "Post" p ${where([Prisma.sql`p."authorId" = ${author}`, ...scope.where, ...cursor])}`;
    return Prisma.sql`SELECT * FROM (${keys} ${order} ${limit(rows)}) ${Prisma.raw(`AS a${i}`)}`;
  });
  const merged = Prisma.sql`${Prisma.join(byAuthor, " UNION ALL ")} ${pageOrder(request, MERGED_ORDER)} ${limit(rows)}`;
  return Prisma.sql`${postsWithAuthors(scope.reader)} JOIN (${merged}) m ON m."id" = p."id" ${order}`;
}

/** The users the names (keys) belong to now, as a post's mentions; names no one has are left out. */
async function named(tx: Prisma.TransactionClient, names: string[]): Promise<Mentions> {
  if (names.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ id: number; usernameKey: string }[]>`
    SELECT "id", "usernameKey" FROM "User" WHERE "usernameKey" IN (${Prisma.join(names)})`;
  const ids = new Map(rows.map((row) => [row.usernameKey, row.id]));
  // In the order written, as the post names them.
  return new Map(names.flatMap((name) => (ids.has(name) ? [[name, ids.get(name)!] as const] : [])));
}

/** Files post `postId` (of `createdAt`) under the tags with these keys, making the tags that are new. */
async function fileUnder(tx: Prisma.TransactionClient, postId: number, createdAt: Date, tags: string[]): Promise<void> {
  if (tags.length === 0) return;
  await tx.$executeRaw`INSERT INTO "Tag" ("name") VALUES ${Prisma.join(tags.map((tag) => Prisma.sql`(${tag})`))} ON CONFLICT DO NOTHING`;
  await tx.$executeRaw`
    INSERT INTO "PostTag" ("postId", "tagId", "createdAt")
    SELECT ${postId}, t."id", ${createdAt} FROM "Tag" t WHERE t."name" IN (${Prisma.join(tags)})`;
}

export class PostRepository {
  constructor(private readonly db: Database) {}

  /**
   * Adds the post, counts it for its author, files it under its hashtags, records whom its @names
   * name and tells the answered author and the people named, in one transaction; NotFoundError if
   * the author has gone. A reply is counted on the post it answers first, which holds that post
   * until the reply is written: undefined, and nothing written, when that post is gone or deleted.
   * Returns the post and the users told of it.
   */
  async add(post: NewPost): Promise<{ post: Post; notified: number[] } | undefined> {
    // Most posts answer no one, carry no tag and name no one: two statements sent as one batch, a
    // round trip each fewer than a transaction that reads what it wrote.
    if (post.replyToId === undefined && post.tags.length === 0 && post.names.length === 0) {
      const [row] = await whileUsersExist(
        this.db.$transaction([
          this.db.post.create({ data: toPostCreate(post) }),
          this.db.$executeRaw`UPDATE "User" SET "postCount" = "postCount" + 1 WHERE "id" = ${post.authorId}`,
        ]),
      );
      return { post: toPost(row), notified: [] };
    }
    return whileUsersExist(
      this.db.$transaction(async (tx) => {
        let replyToAuthorId: number | null = null;
        if (post.replyToId !== undefined) {
          const [answered] = await tx.$queryRaw<{ authorId: number }[]>`
            UPDATE "Post" SET "replyCount" = "replyCount" + 1 WHERE "id" = ${post.replyToId} AND "deletedAt" IS NULL AND "repostOfId" IS NULL
            RETURNING "authorId"`;
          if (!answered) return undefined;
          replyToAuthorId = answered.authorId;
        }
        const mentions = await named(tx, post.names);
        const row = await tx.post.create({ data: toPostCreate(post, replyToAuthorId, mentions) });
        await fileUnder(tx, row.id, row.createdAt, post.tags);
        const answeredTold = replyToAuthorId !== null && replyToAuthorId !== post.authorId ? [replyToAuthorId] : [];
        const mentionedTold = mentionedToNotify(mentions, post.authorId, replyToAuthorId);
        // Users' rows are written in the order of their ids, in every transaction that writes
        // several: two posts naming each other's authors cannot each hold the row the other waits for.
        const users = [...new Set([post.authorId, ...answeredTold, ...mentionedTold])].sort((a, b) => a - b);
        for (const userId of users) {
          if (userId === post.authorId) await tx.$executeRaw`UPDATE "User" SET "postCount" = "postCount" + 1 WHERE "id" = ${userId}`;
          else await addNotification(tx, userId, answeredTold.includes(userId) ? "reply" : "mention", post.authorId, row.createdAt, row.id);
        }
        return { post: toPost(row), notified: users.filter((id) => id !== post.authorId) };
      }),
    );
  }

  /**
   * Changes the text of post `id`, if `authorId` wrote it and it is not deleted, keeping the text it
   * had as its newest earlier version; refiles it under its new hashtags, records whom its new
   * @names name and tells those not named before: one transaction. Returns the users told (none,
   * and nothing written, when the text is the same), or undefined when there is no such post of theirs.
   */
  async edit(id: number, authorId: number, edit: PostEdit): Promise<number[] | undefined> {
    return this.db.$transaction(async (tx) => {
      // A write that changes nothing, to hold the post (and read what it was) until the edit is in.
      const [before] = await tx.$queryRaw<PostRow[]>`
        UPDATE "Post" SET "body" = "body" WHERE "id" = ${id} AND "authorId" = ${authorId} AND "deletedAt" IS NULL AND "repostOfId" IS NULL RETURNING *`;
      if (!before) return undefined;
      if (before.body === edit.body) return [];
      const at = new Date();
      await tx.$executeRaw`
        INSERT INTO "PostVersion" ("postId", "version", "body", "writtenAt")
        SELECT ${id}, COALESCE(MAX("version"), 0) + 1, ${before.body}, ${before.editedAt ?? before.createdAt} FROM "PostVersion" WHERE "postId" = ${id}`;
      const mentions = await named(tx, edit.names);
      await tx.$executeRaw`
        UPDATE "Post" SET "body" = ${edit.body}, "mentions" = ${encodeMentions(mentions)}, "editedAt" = ${at} WHERE "id" = ${id}`;
      await tx.$executeRaw`DELETE FROM "PostTag" WHERE "postId" = ${id}`;
      await fileUnder(tx, id, before.createdAt, edit.tags);
      const told = mentionedToNotify(mentions, authorId, before.replyToAuthorId, decodeMentions(before.mentions));
      // Only users' rows are written here: taken in the order of their ids, as add takes them.
      for (const userId of [...told].sort((a, b) => a - b)) await addNotification(tx, userId, "mention", authorId, at, id);
      return told;
    });
  }

  /** The earlier texts of post `id`, newest first (none for a post never edited). */
  async versions(id: number): Promise<PostVersion[]> {
    return this.db.$queryRaw<PostVersion[]>`
      SELECT "body", "writtenAt" FROM "PostVersion" WHERE "postId" = ${id} ORDER BY "version" DESC`;
  }

  /** One page of posts, newest first, with their authors: one statement at any depth. */
  private async page(request: PageRequest, size: number, scope: Scope): Promise<Page<PostWithAuthor>> {
    const rows = await this.db.$queryRaw<PostWithAuthorRow[]>(pageStatement(scope, request, size + 1));
    const page = toPage(rows, request, size, toPostWithAuthor, listedAt);
    return { ...page, items: eachPostOnce(page.items) };
  }

  /** One post with its author's name, as `reader` sees it, or null; a deleted post too (it stays above its replies). */
  async withAuthor(id: number, reader: number): Promise<PostWithAuthor | null> {
    const [row] = await this.db.$queryRaw<PostWithAuthorRow[]>`${postsWithAuthors(reader)} WHERE p."id" = ${id} AND ${NOT_A_REPOST}`;
    return row ? toPostWithAuthor(row) : null;
  }

  /**
   * A post and the chain of posts it answers, up to ANCESTORS_SHOWN of them: one statement, however
   * long the conversation above it. Null when there is no such post (or it is a repost). Each step
   * up and each post is read by its key: written as joins, both planners preferred to walk an index
   * of all replies or all posts.
   */
  async thread(id: number, reader: number): Promise<Thread | null> {
    const rows = await this.db.$queryRaw<PostWithAuthorRow[]>`
      WITH RECURSIVE chain ("id", "depth") AS (
        SELECT "id", 0 FROM "Post" WHERE "id" = ${id} AND "repostOfId" IS NULL
        UNION ALL
        SELECT (SELECT p."replyToId" FROM "Post" p WHERE p."id" = c."id"), c."depth" + 1 FROM chain c
        WHERE c."id" IS NOT NULL AND c."depth" < ${ANCESTORS_SHOWN}
      )
      ${postsWithAuthors(reader)} WHERE p."id" IN (SELECT "id" FROM chain)
      ORDER BY (SELECT c."depth" FROM chain c WHERE c."id" = p."id") DESC`;
    // Nearest last, the post itself at depth 0: were it gone, the chain would hold nothing else either.
    const post = rows.pop();
    if (!post) return null;
    const ancestors = rows.map(toPostWithAuthor);
    const top = ancestors[0];
    const cut = top !== undefined && ancestors.length === ANCESTORS_SHOWN && top.replyToId !== null;
    return { post: toPostWithAuthor(post), ancestors, ...(cut ? { earlierId: top.replyToId! } : {}) };
  }

  /**
   * A page of the replies to post `id`, oldest first (the way a conversation reads), past `after`:
   * one statement on the (replyToId, createdAt, id) index. A deleted reply shows while replies hang on it.
   */
  async replies(id: number, reader: number, after: Cursor | undefined, size: number): Promise<Page<PostWithAuthor>> {
    const past = after ? pastCursor({ kind: "newer", cursor: after }, POST_ORDER) : [];
    const rows = await this.db.$queryRaw<PostWithAuthorRow[]>`
      ${postsWithAuthors(reader)} ${where([Prisma.sql`p."replyToId" = ${id}`, Prisma.sql`(p."deletedAt" IS NULL OR p."replyCount" > 0)`, ...past])}
      ORDER BY p."createdAt" ASC, p."id" ASC ${limit(size + 1)}`;
    const items = rows.slice(0, size).map(toPostWithAuthor);
    return { items, newer: rows.length > size ? cursorOf(items.at(-1)!) : undefined };
  }

  /**
   * Deletes post `id` if `authorId` wrote it, with its likes, reposts and tags, in one transaction with every count it
   * was in (the profile's posts, the replies of the post it answered): of two deletions racing, one
   * deletes, the other finds nothing. A post that replies hang on stays, emptied and marked deleted,
   * and takes no new replies or likes. Returns whether it deleted.
   */
  async removeOwn(id: number, authorId: number): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const [post] = await tx.$queryRaw<{ replyToId: number | null }[]>`
        UPDATE "Post" SET "deletedAt" = ${new Date()}, "body" = '', "likeCount" = 0, "repostCount" = 0, "mentions" = ''
        WHERE "id" = ${id} AND "authorId" = ${authorId} AND "deletedAt" IS NULL AND "repostOfId" IS NULL RETURNING "replyToId"`;
      if (!post) return false;
      await tx.$executeRaw`DELETE FROM "Like" WHERE "postId" = ${id}`;
      await tx.$executeRaw`DELETE FROM "Post" WHERE "repostOfId" = ${id}`;
      await tx.$executeRaw`DELETE FROM "PostTag" WHERE "postId" = ${id}`;
      await tx.$executeRaw`DELETE FROM "Notification" WHERE "postId" = ${id}`;
      await tx.$executeRaw`DELETE FROM "PostVersion" WHERE "postId" = ${id}`;
      await tx.$executeRaw`DELETE FROM "Post" WHERE "id" = ${id} AND NOT EXISTS (SELECT 1 FROM "Post" r WHERE r."replyToId" = ${id})`;
      if (post.replyToId !== null) await tx.$executeRaw`UPDATE "Post" SET "replyCount" = "replyCount" - 1 WHERE "id" = ${post.replyToId}`;
      await tx.$executeRaw`UPDATE "User" SET "postCount" = "postCount" - 1 WHERE "id" = ${authorId}`;
      return true;
    });
  }

  /** Everyone's posts, each once: not their reposts. */
  async timeline(reader: number, request: PageRequest, size: number): Promise<Page<PostWithAuthor>> {
    return this.page(request, size, { reader, where: [NOT_DELETED, NOT_A_REPOST] });
  }

  /**
   * The posts of the people `userId` follows, and their own: two statements, whoever they follow.
   * For up to MERGED_AUTHORS authors, each author's newest posts past the cursor are read from the
   * (authorId, createdAt, id) index and merged, so a page costs the same at any depth and however
   * many posts there are; a new user who follows no one reads only their own. Beyond that, all
   * posts are walked newest first along (createdAt, id), keeping those of followed authors.
   */
  async feed(userId: number, request: PageRequest, size: number): Promise<Page<PostWithAuthor>> {
    const followed = await this.db.$queryRaw<{ followedId: number }[]>`
      SELECT "followedId" FROM "Follow" WHERE "followerId" = ${userId}`;
    const shown = [NOT_DELETED, inFeedOf(userId)];
    if (followed.length < MERGED_AUTHORS) return this.page(request, size, { reader: userId, authors: [userId, ...followed.map((f) => f.followedId)], where: shown });
    const authored = Prisma.sql`(p."authorId" = ${userId} OR EXISTS (SELECT 1 FROM "Follow" f WHERE f."followerId" = ${userId} AND f."followedId" = p."authorId"))`;
    return this.page(request, size, { reader: userId, where: [authored, ...shown] });
  }

  /**
   * The posts filed under hashtag `key`, newest first: one statement on the (tagId, createdAt,
   * postId) index, at any depth.
   */
  async tagged(key: string, reader: number, request: PageRequest, size: number): Promise<Page<PostWithAuthor>> {
    const order = { time: Prisma.sql`t."createdAt"`, id: Prisma.sql`t."postId"` };
    const tagged = Prisma.sql`t."tagId" = (SELECT "id" FROM "Tag" WHERE "name" = ${key})`;
    const rows = await this.db.$queryRaw<PostWithAuthorRow[]>`
      ${postsWithAuthors(reader)} JOIN "PostTag" t ON t."postId" = p."id"
      ${where([tagged, ...pastCursor(request, order)])} ${pageOrder(request, order)} ${limit(size + 1)}`;
    return toPage(rows, request, size, toPostWithAuthor, cursorOf);
  }

  /** An author's posts and reposts; with `replies`, their replies to others too (a profile's two tabs). */
  async byAuthor(authorId: number, reader: number, request: PageRequest, size: number, replies = false): Promise<Page<PostWithAuthor>> {
    const mine = [Prisma.sql`p."authorId" = ${authorId}`, NOT_DELETED, ...(replies ? [] : [NOT_A_REPLY_TO_OTHERS])];
    return this.page(request, size, { reader, where: mine });
  }
}
