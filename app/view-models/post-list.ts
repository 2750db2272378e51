import type { Mentions } from "../domain/mentions.js";
import type { Page, PageRequest } from "../domain/page.js";
import type { PostWithAuthor } from "../domain/post.js";
import type { User } from "../domain/user.js";
import { linkedText, type TextPart } from "./linked-text.js";
import { pagerView, pageUrl, type PagerView } from "./pager.js";
import { avatarUrl, postUrl, profileUrl, reactionUrl, replyUrl } from "./urls.js";

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
  /** A post its author deleted while it had replies: shown as a line saying so, nothing of it kept. */
  deleted?: boolean;
  /** Whom a reply answers. */
  replyTo?: { name: string; url: string };
  /** Who reposted it, when a list shows it for their repost. */
  repostedBy?: { name: string; url: string };
  /** The bar under a post; messages have none. */
  actions?: PostActionsView;
  /** The post's element id, which its forms bring one back to: "post-12". */
  anchor?: string;
  /** When its author last changed it: "edited", its time in the title. */
  edited?: { isoTime: string; displayTime: string };
}

/**
 * A button under a post that is on or off (Repost, Like), with its count: it sends the page's one
 * form (views/partials/post-actions-form.eta), which says where to come back to, to `action`.
 */
export interface ToggleView {
  action: string;
  pressed: boolean;
  count: number;
  label: string;
}

/**
 * Reply (to the post's page, its form focused), Repost and Like (forms that bring one back to this
 * post on this page), each with its count; accessible names say what and whose.
 */
export interface PostActionsView {
  replyUrl: string;
  replyCount: number;
  /** "3 replies". */
  repliesText: string;
  replyLabel: string;
  repost: ToggleView;
  like: ToggleView;
}

export interface PostListView extends PagerView {
  posts: PostView[];
  /** This page's own address, which its forms bring one back to. */
  here: string;
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

/** Some text someone wrote at a time: a post by its author (with whom it names), a message by the other person. */
export function textView(body: string, createdAt: Date, person: Pick<User, "id" | "username">, mentions?: Mentions): PostView {
  return {
    parts: linkedText(body, mentions),
    author: person.username,
    authorUrl: profileUrl(person.username),
    avatarUrl: avatarUrl(person.id),
    isoTime: createdAt.toISOString(),
    displayTime: utcTime(createdAt),
  };
}

/** "1 reply", "3 replies". */
export const counted = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** A button's name with its count after it, when there is one to tell: "Like ann's post, 3 likes". */
const withCount = (name: string, count: number, one: string, many: string) => (count > 0 ? `${name}, ${counted(count, one, many)}` : name);

/**
 * A post as lists and its own page show it: a deleted one as that and its link alone. With `here`
 * (the page it is shown on, whose form its actions send), its actions too.
 */
export function postView(post: PostWithAuthor, here?: string): PostView {
  const text = textView(post.deletedAt ? "" : post.body, post.createdAt, post.author, post.mentions);
  const url = postUrl(post.id);
  if (post.deletedAt) return { ...text, url, deleted: true };
  const whose = `${post.author.username}'s post`;
  const anchor = `post-${post.id}`;
  const repliesText = counted(post.replyCount, "reply", "replies");
  return {
    ...text,
    url,
    ...(post.editedAt ? { edited: { isoTime: post.editedAt.toISOString(), displayTime: utcTime(post.editedAt) } } : {}),
    ...(post.replyToAuthor ? { replyTo: { name: post.replyToAuthor.username, url: profileUrl(post.replyToAuthor.username) } } : {}),
    ...(post.repost ? { repostedBy: { name: post.repost.by.username, url: profileUrl(post.repost.by.username) } } : {}),
    ...(here === undefined
      ? {}
      : {
          anchor,
          actions: {
            replyUrl: replyUrl(post.id),
            replyCount: post.replyCount,
            repliesText,
            replyLabel: withCount(`Reply to ${post.author.username}`, post.replyCount, "reply", "replies"),
            repost: {
              action: reactionUrl(post.id, "repost", !post.reposted),
              pressed: post.reposted,
              count: post.repostCount,
              label: withCount(`Repost ${whose}`, post.repostCount, "repost", "reposts"),
            },
            like: {
              action: reactionUrl(post.id, "like", !post.liked),
              pressed: post.liked,
              count: post.likeCount,
              label: withCount(`Like ${whose}`, post.likeCount, "like", "likes"),
            },
          },
        }),
  };
}

/** A page of posts with its "Newer posts" / "Older posts" links, which stay on `path`. */
export function postListView(page: Page<PostWithAuthor>, path: string, request: PageRequest): PostListView {
  const here = pageUrl(path, request);
  return { posts: page.items.map((post) => postView(post, here)), here, ...pagerView(page, path, request) };
}
