import { ValidationError } from "./errors.js";
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

/** Length as a reader counts it: code points, so an emoji is one character, not two. */
export function characterCount(text: string): number {
  return [...text].length;
}

// Zero-width characters that trim() keeps but nobody can see.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;

export function createPost(authorId: number, rawBody: string): NewPost {
  // Browsers send a textarea's line breaks as CRLF but count them as one character; so do we.
  const body = rawBody.replace(/\r\n?/g, "\n").trim();
  if (body.replace(INVISIBLE, "").trim().length === 0) throw new ValidationError({ body: "Say something first." });
  if (characterCount(body) > POST_MAX_LENGTH) {
    throw new ValidationError({ body: `At most ${POST_MAX_LENGTH} characters.` });
  }
  return { authorId, body };
}
