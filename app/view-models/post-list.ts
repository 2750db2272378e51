import { encodeCursor, type Page, type PageRequest } from "../domain/page.js";
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
  /** Set on an empty page reached through a link: the way back to the newest posts. */
  firstPageUrl?: string;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const twoDigits = (n: number) => String(n).padStart(2, "0");

/**
 * "23 Nov 2026, 03:11 UTC". Server-side text is in UTC; public/js shows the reader's local time.
 * Built by hand because Intl formatting was a visible share of a timeline page's CPU time.
 */
export function utcTime(date: Date): string {
  const day = `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
  return `${day}, ${twoDigits(date.getUTCHours())}:${twoDigits(date.getUTCMinutes())} UTC`;
}

export function profileUrl(username: string): string {
  return `/user/${encodeURIComponent(username)}`;
}

function postView(post: PostWithAuthor): PostView {
  return {
    body: post.body,
    author: post.author.username,
    authorUrl: profileUrl(post.author.username),
    isoTime: post.createdAt.toISOString(),
    displayTime: utcTime(post.createdAt),
  };
}

/** A page of posts with its "Newer posts" / "Older posts" links, which stay on `path`. */
export function postListView(page: Page<PostWithAuthor>, path: string, request: PageRequest): PostListView {
  return {
    posts: page.items.map(postView),
    newerUrl: page.newer ? `${path}?after=${encodeCursor(page.newer)}` : undefined,
    olderUrl: page.older ? `${path}?before=${encodeCursor(page.older)}` : undefined,
    firstPageUrl: page.items.length === 0 && request.kind !== "first" ? path : undefined,
  };
}
