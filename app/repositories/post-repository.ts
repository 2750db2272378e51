import type { Database } from "../database/client.js";
import { Prisma } from "../generated/prisma/client.js";
import { cursorOf, type Page, type PageRequest } from "../domain/page.js";
import type { NewPost, Post, PostWithAuthor } from "../domain/post.js";
import { toPost, toPostCreate, toPostWithAuthor, type PostWithAuthorRow } from "../mappers/post-mapper.js";
import { limit, pageOrder, pastCursor, toPage, where } from "./keyset.js";
import { whileUsersExist } from "./missing-user.js";

// Pages are read with SQL of our own: through the ORM's findMany a page cost several times what its
// one statement costs (query compilation and result shaping). The SQL is the same on both databases:
// quoted identifiers, and Prisma writes each parameter as `?` or `$n` for the database it talks to.
const POST_COLUMNS = Prisma.sql`p."id", p."body", p."createdAt", p."authorId"`;
const POSTS_WITH_AUTHORS = Prisma.sql`
  SELECT ${POST_COLUMNS}, u."username" AS "authorUsername"
  FROM "Post" p JOIN "User" u ON u."id" = p."authorId"`;
const POST_ORDER = { time: Prisma.sql`p."createdAt"`, id: Prisma.sql`p."id"` };
// The same order over the columns of a UNION of such selects.
const MERGED_ORDER = { time: Prisma.sql`"createdAt"`, id: Prisma.sql`"id"` };

/**
 * Up to this many authors, a feed page merges each author's own newest posts (a short range of the
 * (authorId, createdAt, id) index each); past it, the authors are so many that walking all posts
 * newest first finds a page's worth within a few hundred rows. SQLite allows 500 selects in a UNION.
 */
const MERGED_AUTHORS = 200;

/** Whose posts a page holds: those matching `where`, or the merged posts of each of `authors`. */
interface Scope {
  where?: Prisma.Sql;
  authors?: number[];
}

/** `rows` posts of the scope past the cursor, with their authors' names, in page order. */
function pageStatement(scope: Scope, request: PageRequest, rows: number): Prisma.Sql {
  const cursor = pastCursor(request, POST_ORDER);
  const order = pageOrder(request, POST_ORDER);
  if (!scope.authors) {
    return Prisma.sql`${POSTS_WITH_AUTHORS} ${where([...(scope.where ? [scope.where] : []), ...cursor])} ${order} ${limit(rows)}`;
  }
  // Each author's newest posts on their own, read from the (authorId, createdAt, id) index alone and
  // merged; the posts themselves and their authors' names are read for the page's rows only.
  const byAuthor = scope.authors.map((author, i) => {
    const keys = Prisma.sql`SELECT p."createdAt", p."id" FROM "Post" p ${where([Prisma.sql`p."authorId" = ${author}`, ...cursor])}`;
    return Prisma.sql`SELECT * FROM (${keys} ${order} ${limit(rows)}) ${Prisma.raw(`AS a${i}`)}`;
  });
  const merged = Prisma.sql`${Prisma.join(byAuthor, " UNION ALL ")} ${pageOrder(request, MERGED_ORDER)} ${limit(rows)}`;
  return Prisma.sql`${POSTS_WITH_AUTHORS} JOIN (${merged}) m ON m."id" = p."id" ${order}`;
}

export class PostRepository {
  constructor(private readonly db: Database) {}

  /** Adds the post and counts it for its author, in one transaction; NotFoundError if the author has gone. */
  async add(post: NewPost): Promise<Post> {
    const [row] = await whileUsersExist(
      this.db.$transaction([
        this.db.post.create({ data: toPostCreate(post) }),
        this.db.$executeRaw`UPDATE "User" SET "postCount" = "postCount" + 1 WHERE "id" = ${post.authorId}`,
      ]),
    );
    return toPost(row);
  }

  /** One page of posts, newest first, with their authors: one statement at any depth. */
  private async page(request: PageRequest, size: number, scope: Scope = {}): Promise<Page<PostWithAuthor>> {
    const rows = await this.db.$queryRaw<PostWithAuthorRow[]>(pageStatement(scope, request, size + 1));
    return toPage(rows, request, size, toPostWithAuthor, cursorOf);
  }

  /** One post with its author's name, or null. */
  async withAuthor(id: number): Promise<PostWithAuthor | null> {
    const [row] = await this.db.$queryRaw<PostWithAuthorRow[]>`${POSTS_WITH_AUTHORS} WHERE p."id" = ${id}`;
    return row ? toPostWithAuthor(row) : null;
  }

  /**
   * Deletes post `id` if `authorId` wrote it, and uncounts it for them, in one transaction: of two
   * deletions racing, one deletes and uncounts, the other finds nothing. Returns whether it deleted.
   */
  async removeOwn(id: number, authorId: number): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const deleted = await tx.$executeRaw`DELETE FROM "Post" WHERE "id" = ${id} AND "authorId" = ${authorId}`;
      if (deleted === 0) return false;
      await tx.$executeRaw`UPDATE "User" SET "postCount" = "postCount" - 1 WHERE "id" = ${authorId}`;
      return true;
    });
  }

  /** Everyone's posts. */
  async timeline(request: PageRequest, size: number): Promise<Page<PostWithAuthor>> {
    return this.page(request, size);
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
    if (followed.length < MERGED_AUTHORS) return this.page(request, size, { authors: [userId, ...followed.map((f) => f.followedId)] });
    return this.page(request, size, {
      where: Prisma.sql`(p."authorId" = ${userId} OR EXISTS (SELECT 1 FROM "Follow" f WHERE f."followerId" = ${userId} AND f."followedId" = p."authorId"))`,
    });
  }

  async byAuthor(authorId: number, request: PageRequest, size: number): Promise<Page<PostWithAuthor>> {
    return this.page(request, size, { where: Prisma.sql`p."authorId" = ${authorId}` });
  }
}
