import type { Post as PostRow, Prisma } from "../generated/prisma/client.js";
import type { NewPost, Post, PostAuthor, PostWithAuthor } from "../domain/post.js";

export const toPost = (row: PostRow): Post => ({
  id: row.id,
  body: row.body,
  authorId: row.authorId,
  createdAt: row.createdAt,
});

export const toPostWithAuthor = (row: PostRow & { author: PostAuthor }): PostWithAuthor => ({
  ...toPost(row),
  author: { id: row.author.id, username: row.author.username },
});

export const toPostCreate = (post: NewPost): Prisma.PostUncheckedCreateInput => ({
  body: post.body,
  authorId: post.authorId,
});
