import { checkFollow } from "../domain/follow.js";
import type { User } from "../domain/user.js";
import type { FollowRepository } from "../repositories/follow-repository.js";
import type { UserRepository } from "../repositories/user-repository.js";
import { existingUser } from "./existing-user.js";

export class FollowService {
  constructor(
    private readonly follows: FollowRepository,
    private readonly users: UserRepository,
  ) {}

  /** Returns whom `followerId` now follows; NotFoundError for no such user, FollowRefused for oneself. */
  async follow(followerId: number, username: string): Promise<User> {
    const user = await existingUser(this.users, username);
    checkFollow(followerId, user.id);
    await this.follows.follow(followerId, user.id);
    return user;
  }

  /** Returns whom `followerId` no longer follows; NotFoundError for no such user. */
  async unfollow(followerId: number, username: string): Promise<User> {
    const user = await existingUser(this.users, username);
    await this.follows.unfollow(followerId, user.id);
    return user;
  }

}
