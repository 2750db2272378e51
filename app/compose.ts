import type { Argon2Cost } from "./config.js";
import type { Database } from "./database/client.js";
import { PostRepository } from "./repositories/post-repository.js";
import { UserRepository } from "./repositories/user-repository.js";
import { AccountService } from "./services/account-service.js";
import { PasswordHasher } from "./services/password-hasher.js";
import { PostService } from "./services/post-service.js";

/** Repositories and services over one database: shared by the app, the seed and the shell. */
export function composeServices(db: Database, argon2: Argon2Cost) {
  const users = new UserRepository(db);
  const postRepository = new PostRepository(db);
  return {
    users,
    postRepository,
    accounts: new AccountService(users, new PasswordHasher(argon2)),
    posts: new PostService(postRepository, users),
  };
}
