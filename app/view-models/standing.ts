import type { Standing } from "../domain/follow.js";

export interface StandingView {
  counts: { label: string; value: number }[];
  /** The follow or unfollow form, absent on one's own profile. */
  followForm?: { action: string; label: string; next: string };
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** Counts and the follow button of a profile; `here` is the page the button brings one back to. */
export function standingView(standing: Standing, username: string, own: boolean, here: string): StandingView {
  const name = encodeURIComponent(username);
  return {
    counts: [
      { label: plural(standing.posts, "post", "posts"), value: standing.posts },
      { label: plural(standing.followers, "follower", "followers"), value: standing.followers },
      { label: "following", value: standing.following },
    ],
    followForm: own
      ? undefined
      : standing.followedByViewer
        ? { action: `/unfollow/${name}`, label: "Unfollow", next: here }
        : { action: `/follow/${name}`, label: "Follow", next: here },
  };
}
