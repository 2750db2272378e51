import { hashtagsIn } from "./text-links.js";
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
  /** Set on a post its author deleted while it had replies: it stays, empty, above them. */
  deletedAt: Date | null;
}

export interface NewPost {
  body: string;
  authorId: number;
  /** The post it answers, if it is a reply. */
  replyToId?: number;
  /** The keys of its hashtags, each once. */
  tags: string[];
}

export type PostAuthor = Pick<User, "id" | "username">;

export interface PostWithAuthor extends Post {
  author: PostAuthor;
  /** Whether the person reading likes it. */
  liked: boolean;
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

/** A post's id as a link carries it: digits only, within the id column's range; anything else names no post. */
export function postIdFrom(raw: unknown): number | undefined {
  if (typeof raw !== "string" || !/^\d{1,9}$/.test(raw)) return undefined;
  return Number(raw);
}

export function createPost(authorId: number, rawBody: string, replyToId?: number): NewPost {
  const body = shortText(rawBody, "body", POST_MAX_LENGTH);
  return { authorId, body, tags: hashtagsIn(body), ...(replyToId === undefined ? {} : { replyToId }) };
}
