import type { FollowEntry } from "../domain/follow.js";
import type { Page, PageRequest } from "../domain/page.js";
import type { PostWithAuthor } from "../domain/post.js";
import type { Reaction } from "../domain/reaction.js";
import { personView, type PersonView } from "./follow-list.js";
import { pagerView, type PagerView } from "./pager.js";
import { postUrl, reactedUrl } from "./urls.js";

/** Who likes a post, or reposted it (views/reacted.eta). */
export interface ReactedView extends PagerView {
  title: string;
  postUrl: string;
  people: PersonView[];
  /** What the page says when there is no one (left). */
  empty: string;
}

const WORDS: Record<Reaction, { did: string; empty: string }> = {
  like: { did: "like", empty: "No one likes this post any more." },
  repost: { did: "reposted", empty: "No one has reposted this post now." },
};

export function reactedView(
  reaction: Reaction,
  post: PostWithAuthor,
  people: Page<FollowEntry>,
  viewerId: number,
  here: string,
  request: PageRequest,
): ReactedView {
  const words = WORDS[reaction];
  return {
    title: `People who ${words.did} ${post.author.username}'s post`,
    postUrl: postUrl(post.id),
    people: people.items.map((entry) => personView(entry, viewerId, here)),
    empty: words.empty,
    ...pagerView(people, reactedUrl(post.id, reaction), request),
  };
}
