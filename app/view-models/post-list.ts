import { encodeCursor, type Page } from "../domain/page.js";
import type { PostWithAuthor } from "../domain/post.js";

export interface PostView {
  body: string;
  author: string;
  authorUrl: string;
  isoTime: string;
  displayTime: string;
}

export interface PostListView {
  posts: PostView[];
  newerUrl?: string;
  olderUrl?: string;
}

// Server-side text is in UTC; public/js turns it into the reader's local time.
const TIME_FORMAT = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

export function profileUrl(username: string): string {
  return `/user/${encodeURIComponent(username)}`;
}

function postView(post: PostWithAuthor): PostView {
  return {
    body: post.body,
    author: post.author.username,
    authorUrl: profileUrl(post.author.username),
    isoTime: post.createdAt.toISOString(),
    displayTime: `${TIME_FORMAT.format(post.createdAt)} UTC`,
  };
}

/** A page of posts with its "Newer posts" / "Older posts" links, which stay on `path`. */
export function postListView(page: Page<PostWithAuthor>, path: string): PostListView {
  return {
    posts: page.items.map(postView),
    newerUrl: page.newer ? `${path}?after=${encodeCursor(page.newer)}` : undefined,
    olderUrl: page.older ? `${path}?before=${encodeCursor(page.older)}` : undefined,
  };
}
