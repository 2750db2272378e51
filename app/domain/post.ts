import { ValidationError } from "./errors.js";
import { characterCount, isBlank, normaliseText } from "./text.js";
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

export function createPost(authorId: number, rawBody: string): NewPost {
  const body = normaliseText(rawBody);
  if (isBlank(body)) throw new ValidationError({ body: "Say something first." });
  if (characterCount(body) > POST_MAX_LENGTH) {
    throw new ValidationError({ body: `At most ${POST_MAX_LENGTH} characters.` });
  }
  return { authorId, body };
}
