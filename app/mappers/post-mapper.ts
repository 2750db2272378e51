import type { Post as PostRow, Prisma } from "../generated/prisma/client.js";
import { decodeMentions, encodeMentions, type Mentions } from "../domain/mentions.js";
import type { NewPost, Post, PostWithAuthor } from "../domain/post.js";

/** A post row joined with its author's name, the answered author's name and whether the reader likes it, as the repository's reads select them. */
export type PostWithAuthorRow = PostRow & { authorUsername: string; replyToUsername: string | null; liked: boolean | number | bigint };

export const toPost = (row: PostRow): Post => ({
  id: row.id,
  body: row.body,
  authorId: row.authorId,
  createdAt: row.createdAt,
  replyToId: row.replyToId,
  // PostgreSQL's driver reads a count that a statement computed as a bigint; the column itself is an int.
  replyCount: Number(row.replyCount),
  likeCount: Number(row.likeCount),
  deletedAt: row.deletedAt,
  mentions: decodeMentions(row.mentions),
  editedAt: row.editedAt,
});

/** Whom a reply answers; a post that answers nothing has no such field. */
function answered(row: PostWithAuthorRow): Pick<PostWithAuthor, "replyToAuthor"> {
  return row.replyToAuthorId === null ? {} : { replyToAuthor: { id: row.replyToAuthorId, username: row.replyToUsername! } };
}

export const toPostWithAuthor = (row: PostWithAuthorRow): PostWithAuthor => ({
  ...toPost(row),
  author: { id: row.authorId, username: row.authorUsername },
  // SQLite answers EXISTS with 0 or 1, PostgreSQL with a boolean.
  liked: Boolean(row.liked),
  ...answered(row),
});

/**
 * A new post's row; a reply's also names whom it answers (the answered post's author, read as it
 * is counted), and one that names people, whom (read as it is written).
 */
export const toPostCreate = (post: NewPost, replyToAuthorId: number | null = null, mentions?: Mentions): Prisma.PostUncheckedCreateInput => ({
  body: post.body,
  authorId: post.authorId,
  replyToId: post.replyToId ?? null,
  replyToAuthorId,
  ...(mentions ? { mentions: encodeMentions(mentions) } : {}),
});
