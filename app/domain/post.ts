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

export function createPost(authorId: number, rawBody: string): NewPost {
  return { authorId, body: shortText(rawBody, "body", POST_MAX_LENGTH) };
}
