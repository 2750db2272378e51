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
