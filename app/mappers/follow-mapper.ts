import type { FollowEntry, Standing } from "../domain/follow.js";

// COUNT is a 64-bit integer on both databases, EXISTS a boolean on PostgreSQL and 0/1 on SQLite.
type Count = bigint | number;
type Flag = boolean | bigint | number;
const flag = (value: Flag) => Boolean(Number(value));

/** A user's counts as FollowRepository.standing selects them. */
export interface StandingRow {
  posts: Count;
  followers: Count;
  following: Count;
  followedByViewer: Flag;
}

/** One listed user as FollowRepository.list selects them. */
export interface FollowEntryRow {
  id: number;
  username: string;
  aboutMe: string;
  since: Date;
  followedByViewer: Flag;
}

export const toStanding = (row: StandingRow): Standing => ({
  posts: Number(row.posts),
  followers: Number(row.followers),
  following: Number(row.following),
  followedByViewer: flag(row.followedByViewer),
});

export const toFollowEntry = (row: FollowEntryRow): FollowEntry => ({
  user: { id: row.id, username: row.username, aboutMe: row.aboutMe },
  since: row.since,
  followedByViewer: flag(row.followedByViewer),
});
