import type { Cursor } from "./page.js";
import type { Mentions } from "./mentions.js";
import { hashtagsIn, mentionsIn } from "./text-links.js";
import { shortText } from "./text.js";
import type { User } from "./user.js";

export const POST_MAX_LENGTH = 140;

export interface Post {
  id: number;
  body: string;
  authorId: number;
  createdAt: Date;
  /** The post this one answers; null for a post that starts a conversation. */
  replyToId: number | null;
  replyCount: number;
  likeCount: number;
  repostCount: number;
  /** Set on a post its author deleted while it had replies: it stays, empty, above them. */
  deletedAt: Date | null;
  /** Whom its @names named when it was written. */
  mentions: Mentions;
  /** When its author last changed its text; null if never. */
  editedAt: Date | null;
}

/** An earlier text of an edited post, and when it was written. */
export interface PostVersion {
  body: string;
  writtenAt: Date;
}

/** A post's new text, checked as a new post's is, with the hashtags and @names in it. */
export type PostEdit = Pick<NewPost, "body" | "tags" | "names">;

export interface NewPost {
  body: string;
  authorId: number;
  /** The post it answers, if it is a reply. */
  replyToId?: number;
  /** The keys of its hashtags, each once. */
  tags: string[];
  /** The keys of the @names in it, each once: those of existing users become its mentions. */
  names: string[];
}

export type PostAuthor = Pick<User, "id" | "username">;

/** Someone's repost of a post, as a list shows it: when, and by whom. */
export interface Repost {
  id: number;
  createdAt: Date;
  by: PostAuthor;
}

export interface PostWithAuthor extends Post {
  author: PostAuthor;
  /** Whether the person reading likes it. */
  liked: boolean;
  /** Whether the person reading has reposted it. */
  reposted: boolean;
  /** Set when a list shows the post because someone reposted it: it stands at the repost's time. */
  repost?: Repost;
  /**
   * Whom a reply answers: the answered post's author. A reply to a post whose author's account is
   * gone answers no one any more (their posts went with it).
   */
  replyToAuthor?: PostAuthor;
}

/** A post, the posts it answers above it (nearest last), and whether the conversation goes on above those. */
export interface Thread {
  post: PostWithAuthor;
  ancestors: PostWithAuthor[];
  /** The post above the first ancestor shown, when the cap cut the chain short. */
  earlierId?: number;
}

/** Where a post stands in a list: at its repost when it is there as one. */
export const listedAt = (post: PostWithAuthor): Cursor => {
  const entry = post.repost ?? post;
  return { createdAt: entry.createdAt, id: entry.id };
};

/** A list's posts with each post once: where a page holds a post and a repost of it, the newer stays. */
export const eachPostOnce = (posts: PostWithAuthor[]): PostWithAuthor[] => {
  const seen = new Set<number>();
  return posts.filter((post) => !seen.has(post.id) && seen.add(post.id));
};

export function createPost(authorId: number, rawBody: string, replyToId?: number): NewPost {
  return { authorId, ...editPost(rawBody), ...(replyToId === undefined ? {} : { replyToId }) };
}

export function editPost(rawBody: string): PostEdit {
  const body = shortText(rawBody, "body", POST_MAX_LENGTH);
  return { body, tags: hashtagsIn(body), names: mentionsIn(body) };
}
