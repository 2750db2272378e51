import type { Page, PageRequest } from "../domain/page.js";
import type { PostWithAuthor } from "../domain/post.js";
import type { User } from "../domain/user.js";
import { linkedText, type TextPart } from "./linked-text.js";
import { pagerView, type PagerView } from "./pager.js";
import { avatarUrl, postUrl, profileUrl } from "./urls.js";

/** A post, or a message (`author` is then the other person), as views/partials/post-item.eta shows it. */
export interface PostView {
  /** The text, its web addresses as links. */
  parts: TextPart[];
  author: string;
  authorUrl: string;
  avatarUrl: string;
  isoTime: string;
  displayTime: string;
  /** A post's own page, linked from its time; messages have none. */
  url?: string;
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

/** Some text someone wrote at a time: a post by its author, a message by the other person. */
export function textView(body: string, createdAt: Date, person: Pick<User, "id" | "username">): PostView {
  return {
    parts: linkedText(body),
    author: person.username,
    authorUrl: profileUrl(person.username),
    avatarUrl: avatarUrl(person.id),
    isoTime: createdAt.toISOString(),
    displayTime: utcTime(createdAt),
  };
}

/** A post as lists and its own page show it. */
export const postView = (post: PostWithAuthor): PostView => ({ ...textView(post.body, post.createdAt, post.author), url: postUrl(post.id) });

/** A page of posts with its "Newer posts" / "Older posts" links, which stay on `path`. */
export function postListView(page: Page<PostWithAuthor>, path: string, request: PageRequest): PostListView {
  return { posts: page.items.map(postView), ...pagerView(page, path, request) };
}
