import { NotFoundError } from "../../domain/errors.js";
import type { Standing } from "../../domain/follow.js";
import type { PageRequest } from "../../domain/page.js";
import type { FollowRepository } from "../../repositories/follow-repository.js";
import type { UserRepository } from "../../repositories/user-repository.js";
import type { User } from "../../domain/user.js";
import { existingUser } from "./existing-user.js";
import type { PostService, Profile } from "../posts/post-service.js";

export interface ProfileWithStanding extends Profile {
  standing: Standing;
}

/** What the user popover shows: the user and their counts, no posts. */
export interface ProfileCard {
  user: User;
  standing: Standing;
}

/** What a profile page shows: the user, a page of their posts, their counts and the viewer's follow. */
export class ProfileService {
  constructor(
    private readonly posts: PostService,
    private readonly follows: FollowRepository,
    private readonly users: UserRepository,
  ) {}

  /** NotFoundError when no such user exists. With `replies`, the posts include their replies to others. */
  async profile(username: string, viewerId: number, request: PageRequest, replies = false): Promise<ProfileWithStanding> {
    const profile = await this.posts.byAuthor(username, viewerId, request, replies);
    return { ...profile, standing: await this.follows.standing(profile.user.id, viewerId) };
  }

  /** The name user `id` goes by now (a post's @name links by id); NotFoundError when there is no such user, or the link names none. */
  async nameOf(id: number | undefined): Promise<string> {
    const user = id === undefined ? null : await this.users.findById(id);
    if (!user) throw new NotFoundError("user");
    return user.username;
  }

  /** NotFoundError when no such user exists. */
  async card(username: string, viewerId: number): Promise<ProfileCard> {
    const user = await existingUser(this.users, username);
    return { user, standing: await this.follows.standing(user.id, viewerId) };
  }
}
