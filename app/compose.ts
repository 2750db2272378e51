import type { Config } from "./config.js";
import type { Database } from "./database/client.js";
import type { NewsBus } from "./database/news.js";
import type { Mailer } from "./mail/mailer.js";
import { AccountTokenRepository } from "./repositories/account-token-repository.js";
import { FollowRepository } from "./repositories/follow-repository.js";
import { ReactionRepository } from "./repositories/reaction-repository.js";
import { MessageRepository } from "./repositories/message-repository.js";
import { NotificationRepository } from "./repositories/notification-repository.js";
import { RateLimitRepository } from "./repositories/rate-limit-repository.js";
import { PostRepository } from "./repositories/post-repository.js";
import { UserRepository } from "./repositories/user-repository.js";
import { AccountService } from "./services/accounts/account-service.js";
import { ActionLimits } from "./services/limits/action-limits.js";
import { EmailConfirmations } from "./services/accounts/email-confirmations.js";
import { FollowService } from "./services/people/follow-service.js";
import { LastSeen } from "./services/accounts/last-seen.js";
import { ReactionService } from "./services/posts/reaction-service.js";
import { MessageService } from "./services/messages/message-service.js";
import { NotificationService } from "./services/notifications/notification-service.js";
import { PasswordAttempts } from "./services/limits/password-attempts.js";
import { PasswordHasher } from "./services/accounts/password-hasher.js";
import { PasswordResets } from "./services/accounts/password-resets.js";
import { PostService } from "./services/posts/post-service.js";
import { RateLimiter } from "./services/limits/rate-limiter.js";
import { RecentUsers } from "./services/accounts/recent-users.js";
import { Registrations } from "./services/accounts/registrations.js";
import { ProfileService } from "./services/people/profile-service.js";

/** What the services are configured with. */
type ServiceConfig = Pick<Config, "argon2" | "passwordHashing" | "loginLimits" | "limits" | "publicUrl">;

/**
 * Repositories and services over one database, its news bus and a mailer: shared by the app, the
 * seed and the shell.
 */
export function composeServices(db: Database, news: NewsBus, mailer: Mailer, { argon2, passwordHashing, loginLimits, limits, publicUrl }: ServiceConfig) {
  const users = new UserRepository(db);
  const passwords = new PasswordHasher(argon2, passwordHashing);
  const limiter = new RateLimiter(new RateLimitRepository(db));
  const actionLimits = new ActionLimits(limiter, limits);
  const tokens = new AccountTokenRepository(db);
  const postRepository = new PostRepository(db);
  const followRepository = new FollowRepository(db);
  const notificationRepository = new NotificationRepository(db, news);
  const posts = new PostService(postRepository, users, actionLimits, notificationRepository);
  const recentUsers = new RecentUsers(users);
  const accounts = new AccountService(users, passwords, new PasswordAttempts(limiter, loginLimits), recentUsers, notificationRepository);
  const confirmations = new EmailConfirmations(users, tokens, accounts, mailer, actionLimits, publicUrl);
  return {
    passwords,
    users,
    postRepository,
    followRepository,
    accounts,
    resets: new PasswordResets(users, tokens, passwords, accounts, mailer, actionLimits, publicUrl),
    confirmations,
    registrations: new Registrations(accounts, confirmations, actionLimits),
    limits: actionLimits,
    posts,
    reactions: new ReactionService(new ReactionRepository(db), postRepository, actionLimits, notificationRepository),
    follows: new FollowService(followRepository, users, notificationRepository),
    profiles: new ProfileService(posts, followRepository, users),
    lastSeen: new LastSeen(users),
    recentUsers,
    messages: new MessageService(new MessageRepository(db), users, recentUsers, notificationRepository, actionLimits),
    notificationRepository,
    notifications: new NotificationService(notificationRepository, recentUsers),
  };
}
