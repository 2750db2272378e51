import { shortText } from "./text.js";
import type { User } from "./user.js";

export const POST_MAX_LENGTH = 140;

export interface Post {
  id: number;
  body: string;
  authorId: number;
  createdAt: Date;
}

export type NewPost = Omit<Post, "id" | "createdAt">;

export type PostAuthor = Pick<User, "id" | "username">;

export interface PostWithAuthor extends Post {
  author: PostAuthor;
}

/** A post's id as a link carries it: digits only, within the id column's range; anything else names no post. */
export function postIdFrom(raw: unknown): number | undefined {
  if (typeof raw !== "string" || !/^\d{1,9}$/.test(raw)) return undefined;
  return Number(raw);
}

export function createPost(authorId: number, rawBody: string): NewPost {
  return { authorId, body: shortText(rawBody, "body", POST_MAX_LENGTH) };
}
