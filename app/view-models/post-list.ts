import type { Page, PageRequest } from "../domain/page.js";
import type { PostWithAuthor } from "../domain/post.js";
import { pagerView, type PagerView } from "./pager.js";
import { avatarUrl, profileUrl } from "./urls.js";

export interface PostView {
  body: string;
  author: string;
  authorUrl: string;
  avatarUrl: string;
  isoTime: string;
  displayTime: string;
}

export interface PostListView extends PagerView {
  posts: PostView[];
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

function postView(post: PostWithAuthor): PostView {
  return {
    body: post.body,
    author: post.author.username,
    authorUrl: profileUrl(post.author.username),
    avatarUrl: avatarUrl(post.author.id),
    isoTime: post.createdAt.toISOString(),
    displayTime: utcTime(post.createdAt),
  };
}

/** A page of posts with its "Newer posts" / "Older posts" links, which stay on `path`. */
export function postListView(page: Page<PostWithAuthor>, path: string, request: PageRequest): PostListView {
  return { posts: page.items.map(postView), ...pagerView(page, path, request) };
}
