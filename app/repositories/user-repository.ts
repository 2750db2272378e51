import type { Database } from "../database/client.js";
import { ConflictError } from "../domain/errors.js";
import { usernameKey, type NewUser, type User } from "../domain/user.js";
import { toUser, toUserCreate } from "../mappers/user-mapper.js";
import { uniqueViolationFields } from "./unique-violation.js";

export class UserRepository {
  constructor(private readonly db: Database) {}

  async findById(id: number): Promise<User | null> {
    const row = await this.db.user.findUnique({ where: { id } });
    return row ? toUser(row) : null;
  }

  /** Case-insensitive: "Alice" finds alice. */
  async findByUsername(username: string): Promise<User | null> {
    const row = await this.db.user.findUnique({ where: { usernameKey: usernameKey(username) } });
    return row ? toUser(row) : null;
  }

  async findByEmail(email: string): Promise<User | null> {
    const row = await this.db.user.findUnique({ where: { email } });
    return row ? toUser(row) : null;
  }

  /** Throws ConflictError("username" | "email") when another row already holds the value. */
  async add(user: NewUser): Promise<User> {
    try {
      return toUser(await this.db.user.create({ data: toUserCreate(user) }));
    } catch (error) {
      const fields = uniqueViolationFields(error);
      const field = fields?.includes("email") ? "email" : fields?.includes("usernameKey") ? "username" : undefined;
      if (!field) throw error;
      throw new ConflictError(field);
    }
  }
}
