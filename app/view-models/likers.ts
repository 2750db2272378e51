import type { FollowEntry } from "../domain/follow.js";
import type { Page, PageRequest } from "../domain/page.js";
import type { PostWithAuthor } from "../domain/post.js";
import { personView, type PersonView } from "./follow-list.js";
import { pagerView, type PagerView } from "./pager.js";
import { likersUrl, postUrl } from "./urls.js";

/** Who likes a post (views/likers.eta). */
export interface LikersView extends PagerView {
  title: string;
  postUrl: string;
  people: PersonView[];
}

export function likersView(post: PostWithAuthor, likers: Page<FollowEntry>, viewerId: number, here: string, request: PageRequest): LikersView {
  return {
    title: `People who like ${post.author.username}'s post`,
    postUrl: postUrl(post.id),
    people: likers.items.map((entry) => personView(entry, viewerId, here)),
    ...pagerView(likers, likersUrl(post.id), request),
  };
}
