import { NotFoundError } from "../../domain/errors.js";
import type { User } from "../../domain/user.js";
import type { UserRepository } from "../../repositories/user-repository.js";

/** The user a page or form names (in any case); NotFoundError, a 404 page, when there is none. */
export async function existingUser(users: UserRepository, username: string): Promise<User> {
  const user = await users.findByUsername(username);
  if (!user) throw new NotFoundError("User");
  return user;
}
