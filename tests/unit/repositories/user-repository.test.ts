import { describe, expect, it } from "vitest";
import { ConflictError } from "../../../app/domain/errors.js";
import { UserRepository } from "../../../app/repositories/user-repository.js";
import { countingClient } from "../../helpers/database.js";

const { db } = await countingClient();
const users = new UserRepository(db);
const newUser = (username: string, email: string) => ({ username, email, passwordHash: "$argon2id$fake" });

describe("UserRepository", () => {
  it("finds users by id, by username in any case, and by email", async () => {
    const added = await users.add(newUser("Carol", "carol@example.com"));
    expect(await users.findById(added.id)).toEqual(added);
    expect(await users.findByUsername("cAROL")).toEqual(added);
    expect(await users.findByEmail("carol@example.com")).toEqual(added);
    expect(await users.findByUsername("nobody")).toBeNull();
  });

  it("turns the database's unique violations into ConflictError naming the field", async () => {
    await expect(users.add(newUser("CAROL", "other@example.com"))).rejects.toEqual(new ConflictError("username"));
    await expect(users.add(newUser("dave", "carol@example.com"))).rejects.toEqual(new ConflictError("email"));
    expect(await db.user.count()).toBe(1);
  });

  it("renames, and tells a name another user holds (in any case) as ConflictError, changing nothing", async () => {
    const erin = await users.add(newUser("erin", "erin@example.com"));
    const renamed = await users.updateProfile(erin.id, { username: "Erin2", aboutMe: "hi" });
    expect(renamed).toMatchObject({ id: erin.id, username: "Erin2", aboutMe: "hi" });
    expect((await users.findByUsername("ERIN2"))?.id).toBe(erin.id);
    expect(await users.findByUsername("erin")).toBeNull();
    await expect(users.updateProfile(erin.id, { username: "carol", aboutMe: "other" })).rejects.toEqual(new ConflictError("username"));
    expect(await users.findById(erin.id)).toMatchObject({ username: "Erin2", aboutMe: "hi" });
  });
});
