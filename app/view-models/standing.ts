import type { Standing } from "../domain/follow.js";
import { followersUrl, followingUrl } from "./urls.js";

/** The follow or unfollow form for one user; `next` is the page the form brings one back to. */
export interface FollowForm {
  action: string;
  label: string;
  /** Names whom the button is about, for screen readers in a list of many such buttons. */
  ariaLabel: string;
  next: string;
}

export interface StandingView {
  counts: { label: string; value: number; url?: string }[];
  /** The follow or unfollow form, absent on one's own profile. */
  followForm?: FollowForm;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** Follow or Unfollow `username`, whichever the viewer can do; none for oneself. */
export function followFormFor(username: string, followed: boolean, own: boolean, here: string): FollowForm | undefined {
  if (own) return undefined;
  const name = encodeURIComponent(username);
  return followed
    ? { action: `/unfollow/${name}`, label: "Unfollow", ariaLabel: `Unfollow ${username}`, next: here }
    : { action: `/follow/${name}`, label: "Follow", ariaLabel: `Follow ${username}`, next: here };
}

/** Counts (followers and following link to their lists) and the follow button of a profile or card. */
export function standingView(standing: Standing, username: string, own: boolean, here: string): StandingView {
  return {
    counts: [
      { label: plural(standing.posts, "post", "posts"), value: standing.posts },
      { label: plural(standing.followers, "follower", "followers"), value: standing.followers, url: followersUrl(username) },
      { label: "following", value: standing.following, url: followingUrl(username) },
    ],
    followForm: followFormFor(username, standing.followedByViewer, own, here),
  };
}
