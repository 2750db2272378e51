import type { Database } from "../database/client.js";
import type { Prisma } from "../generated/prisma/client.js";
import { cursorOf, type Cursor, type Page, type PageRequest } from "../domain/page.js";
import type { NewPost, Post, PostWithAuthor } from "../domain/post.js";
import { toPost, toPostCreate, toPostWithAuthor } from "../mappers/post-mapper.js";

const NEWEST_FIRST = [{ createdAt: "desc" }, { id: "desc" }] satisfies Prisma.PostOrderByWithRelationInput[];
const OLDEST_FIRST = [{ createdAt: "asc" }, { id: "asc" }] satisfies Prisma.PostOrderByWithRelationInput[];
const AUTHOR = { author: { select: { id: true, username: true } } } as const;

/**
 * Posts strictly older than the cursor in (createdAt, id) order. The leading `lte` on createdAt
 * is implied by the OR, but it is what lets SQLite seek into the index instead of scanning from
 * the newest post, so a deep page costs what the first page costs.
 */
function olderThan(c: Cursor): Prisma.PostWhereInput {
  return { createdAt: { lte: c.createdAt }, OR: [{ createdAt: { lt: c.createdAt } }, { id: { lt: c.id } }] };
}

function newerThan(c: Cursor): Prisma.PostWhereInput {
  return { createdAt: { gte: c.createdAt }, OR: [{ createdAt: { gt: c.createdAt } }, { id: { gt: c.id } }] };
}

export class PostRepository {
  constructor(private readonly db: Database) {}

  async add(post: NewPost): Promise<Post> {
    return toPost(await this.db.post.create({ data: toPostCreate(post) }));
  }

  /**
   * One page of posts, newest first, with their authors: the same two queries at any depth.
   * Whether more posts lie the other way needs no query: a cursor names a post that our own link
   * pointed at, which lies that way. Should it have gone since (its author deleted), the link
   * leads to an empty page, which offers the way back to the newest posts.
   */
  private async page(request: PageRequest, size: number, scope: Prisma.PostWhereInput = {}): Promise<Page<PostWithAuthor>> {
    const goingNewer = request.kind === "newer";
    const where =
      request.kind === "first" ? scope : { AND: [scope, goingNewer ? newerThan(request.cursor) : olderThan(request.cursor)] };
    const rows = await this.db.post.findMany({
      where,
      orderBy: goingNewer ? OLDEST_FIRST : NEWEST_FIRST,
      take: size + 1,
      include: AUTHOR,
    });
    const hasMoreThisWay = rows.length > size;
    const hasMoreOtherWay = request.kind !== "first";
    const slice = rows.slice(0, size);
    const items = (goingNewer ? slice.reverse() : slice).map(toPostWithAuthor);
    const first = items[0];
    const last = items.at(-1);
    const hasNewer = goingNewer ? hasMoreThisWay : hasMoreOtherWay;
    const hasOlder = goingNewer ? hasMoreOtherWay : hasMoreThisWay;
    return {
      items,
      newer: hasNewer && first ? cursorOf(first) : undefined,
      older: hasOlder && last ? cursorOf(last) : undefined,
    };
  }

  async timeline(request: PageRequest, size: number): Promise<Page<PostWithAuthor>> {
    return this.page(request, size);
  }

  async byAuthor(authorId: number, request: PageRequest, size: number): Promise<Page<PostWithAuthor>> {
    return this.page(request, size, { authorId });
  }
}
