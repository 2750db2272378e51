import { checkFollow, type FollowEntry, type FollowList, type Suggestion } from "../../domain/follow.js";
import { PAGE_SIZE, type Page, type PageRequest } from "../../domain/page.js";
import type { User } from "../../domain/user.js";
import type { FollowRepository } from "../../repositories/follow-repository.js";
import type { NotificationRepository } from "../../repositories/notification-repository.js";
import type { UserRepository } from "../../repositories/user-repository.js";
import { existingUser } from "./existing-user.js";

export interface FollowListPage {
  user: User;
  entries: Page<FollowEntry>;
}

/** How many people "Who to follow" names. */
const SUGGESTIONS = 3;

export class FollowService {
  constructor(
    private readonly follows: FollowRepository,
    private readonly users: UserRepository,
    private readonly notifications: NotificationRepository,
  ) {}

  /** Returns whom `followerId` now follows; NotFoundError for no such user, FollowRefused for oneself. */
  async follow(followerId: number, username: string): Promise<User> {
    const user = await existingUser(this.users, username);
    checkFollow(followerId, user.id);
    // A new follower is news to the person followed; following again is not.
    if (await this.follows.follow(followerId, user.id)) await this.notifications.announce(user.id);
    return user;
  }

  /** Returns whom `followerId` no longer follows; NotFoundError for no such user. */
  async unfollow(followerId: number, username: string): Promise<User> {
    const user = await existingUser(this.users, username);
    await this.follows.unfollow(followerId, user.id);
    return user;
  }

  /** A page of a user's followers or of whom they follow; NotFoundError for no such user. */
  async list(list: FollowList, username: string, viewerId: number, request: PageRequest): Promise<FollowListPage> {
    const user = await existingUser(this.users, username);
    return { user, entries: await this.follows.list(list, user.id, viewerId, request, PAGE_SIZE) };
  }

  /** A few people posting lately whom `viewerId` does not follow yet: "Who to follow". */
  async suggestions(viewerId: number): Promise<Suggestion[]> {
    return this.follows.suggestions(viewerId, SUGGESTIONS);
  }
}
