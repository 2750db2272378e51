import { afterAll } from "vitest";
import { PostRepository } from "../../../app/repositories/post-repository.js";
import { UserRepository } from "../../../app/repositories/user-repository.js";
import { AccountService } from "../../../app/services/account-service.js";
import { PasswordHasher } from "../../../app/services/password-hasher.js";
import { PostService } from "../../../app/services/post-service.js";
import { countingClient } from "../../helpers/database.js";
import { testConfig } from "../../helpers/config.js";

/** Real repositories and services on a fresh SQLite file, with every query's SQL recorded. */
export function services() {
  const { db, queries } = countingClient();
  afterAll(() => db.$disconnect());
  const users = new UserRepository(db);
  const hasher = new PasswordHasher(testConfig().argon2);
  return {
    db,
    queries,
    users,
    accounts: new AccountService(users, hasher),
    posts: new PostService(new PostRepository(db), users),
  };
}

export const form = (username: string, email = `${username}@example.com`, password = "correct horse") => ({
  username,
  email,
  password,
  password2: password,
});
