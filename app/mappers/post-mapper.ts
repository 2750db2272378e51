import type { Post as PostRow, Prisma } from "../generated/prisma/client.js";
import { decodeMentions, encodeMentions, type Mentions } from "../domain/mentions.js";
import type { NewPost, Post, PostWithAuthor } from "../domain/post.js";

/**
 * A post row joined with its author's name, the answered author's name, whether the reader likes and
 * reposted it, and the list's entry it stands for (the post itself, or a repost of it and its
 * reposter's name), as the repository's reads select them.
 */
export type PostWithAuthorRow = PostRow & {
  authorUsername: string;
  replyToUsername: string | null;
  liked: boolean | number | bigint;
  reposted: boolean | number | bigint;
  entryId: number;
  entryAt: Date;
  reposterId: number | null;
  reposterUsername: string | null;
};

export const toPost = (row: PostRow): Post => ({
  id: row.id,
  body: row.body,
  authorId: row.authorId,
  createdAt: row.createdAt,
  replyToId: row.replyToId,
  // PostgreSQL's driver reads a count that a statement computed as a bigint; the column itself is an int.
  replyCount: Number(row.replyCount),
  likeCount: Number(row.likeCount),
  repostCount: Number(row.repostCount),
  deletedAt: row.deletedAt,
  mentions: decodeMentions(row.mentions),
  editedAt: row.editedAt,
});

/** The repost a list shows the post for; a post listed for itself has no such field. */
function reposted(row: PostWithAuthorRow): Pick<PostWithAuthor, "repost"> {
  return row.reposterId === null ? {} : { repost: { id: row.entryId, createdAt: row.entryAt, by: { id: row.reposterId, username: row.reposterUsername! } } };
}

/** Whom a reply answers; a post that answers nothing has no such field. */
function answered(row: PostWithAuthorRow): Pick<PostWithAuthor, "replyToAuthor"> {
  return row.replyToAuthorId === null ? {} : { replyToAuthor: { id: row.replyToAuthorId, username: row.replyToUsername! } };
}

export const toPostWithAuthor = (row: PostWithAuthorRow): PostWithAuthor => ({
  ...toPost(row),
  author: { id: row.authorId, username: row.authorUsername },
  // SQLite answers EXISTS with 0 or 1, PostgreSQL with a boolean.
  liked: Boolean(row.liked),
  reposted: Boolean(row.reposted),
  ...answered(row),
  ...reposted(row),
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
