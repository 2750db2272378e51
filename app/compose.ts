import type { Config } from "./config.js";
import type { Database } from "./database/client.js";
import type { NewsBus } from "./database/news.js";
import { FollowRepository } from "./repositories/follow-repository.js";
import { MessageRepository } from "./repositories/message-repository.js";
import { NotificationRepository } from "./repositories/notification-repository.js";
import { RateLimitRepository } from "./repositories/rate-limit-repository.js";
import { PostRepository } from "./repositories/post-repository.js";
import { UserRepository } from "./repositories/user-repository.js";
import { AccountService } from "./services/account-service.js";
import { FollowService } from "./services/follow-service.js";
import { LastSeen } from "./services/last-seen.js";
import { LoginLimits } from "./services/login-limits.js";
import { MessageService } from "./services/message-service.js";
import { NotificationService } from "./services/notification-service.js";
import { PasswordHasher } from "./services/password-hasher.js";
import { PostService } from "./services/post-service.js";
import { RecentUsers } from "./services/recent-users.js";
import { ProfileService } from "./services/profile-service.js";

/**
 * Repositories and services over one database and its news bus: shared by the app, the seed and
 * the shell.
 */
export function composeServices(db: Database, news: NewsBus, { argon2, loginLimits }: Pick<Config, "argon2" | "loginLimits">) {
  const users = new UserRepository(db);
  const postRepository = new PostRepository(db);
  const followRepository = new FollowRepository(db);
  const posts = new PostService(postRepository, users);
  const recentUsers = new RecentUsers(users);
  const notificationRepository = new NotificationRepository(db, news);
  return {
    users,
    postRepository,
    followRepository,
    accounts: new AccountService(users, new PasswordHasher(argon2), recentUsers, notificationRepository),
    posts,
    follows: new FollowService(followRepository, users, notificationRepository),
    profiles: new ProfileService(posts, followRepository, users),
    lastSeen: new LastSeen(users),
    recentUsers,
    messages: new MessageService(new MessageRepository(db), users, recentUsers, notificationRepository),
    notificationRepository,
    notifications: new NotificationService(notificationRepository),
    loginLimits: new LoginLimits(new RateLimitRepository(db), loginLimits),
  };
}
