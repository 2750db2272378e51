import type { Post as PostRow, Prisma } from "../generated/prisma/client.js";
import type { NewPost, Post, PostWithAuthor } from "../domain/post.js";

/** A post row joined with its author's name, as the repository's page query selects it. */
export type PostWithAuthorRow = PostRow & { authorUsername: string };

export const toPost = (row: PostRow): Post => ({
  id: row.id,
  body: row.body,
  authorId: row.authorId,
  createdAt: row.createdAt,
});

export const toPostWithAuthor = (row: PostWithAuthorRow): PostWithAuthor => ({
  ...toPost(row),
  author: { id: row.authorId, username: row.authorUsername },
});

export const toPostCreate = (post: NewPost): Prisma.PostUncheckedCreateInput => ({
  body: post.body,
  authorId: post.authorId,
});
