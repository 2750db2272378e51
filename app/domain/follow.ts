import type { Cursor } from "./page.js";
import type { User } from "./user.js";

/** A follow that is not allowed; its message is said to the person who asked. */
export class FollowRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FollowRefused";
  }
}

/** Where one user stands with another, as a profile shows it. */
export interface Standing {
  posts: number;
  followers: number;
  following: number;
  /** Whether the person looking follows this user. */
  followedByViewer: boolean;
}

/** Throws FollowRefused when `followerId` may not follow `followedId`. */
export function checkFollow(followerId: number, followedId: number): void {
  if (followerId === followedId) throw new FollowRefused("You cannot follow yourself.");
}

/** Whose list: the people who follow a user, or the people a user follows. */
export type FollowList = "followers" | "following";

/** One person on a followers or following list. */
export interface FollowEntry {
  user: Pick<User, "id" | "username" | "aboutMe">;
  /** When the follow began: the list's order, newest first. */
  since: Date;
  /** Whether the person looking follows this one. */
  followedByViewer: boolean;
}

/** A list's keyset position: the follow's time, then the listed user's id. */
export const entryCursor = (entry: FollowEntry): Cursor => ({ createdAt: entry.since, id: entry.user.id });

/** Someone the viewer might follow: "Who to follow". */
export type Suggestion = Pick<User, "id" | "username" | "aboutMe">;

/** How many of the newest posts "Who to follow" looks through for people posting now. */
export const RECENT_POSTS_SCANNED = 200;
