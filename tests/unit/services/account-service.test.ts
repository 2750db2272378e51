import { describe, expect, it } from "vitest";
import { ValidationError } from "../../../app/domain/errors.js";
import { AccountService } from "../../../app/services/accounts/account-service.js";
import { PasswordHasher } from "../../../app/services/accounts/password-hasher.js";
import { RateLimitRepository } from "../../../app/repositories/rate-limit-repository.js";
import { PasswordAttempts } from "../../../app/services/limits/password-attempts.js";
import { RateLimiter } from "../../../app/services/limits/rate-limiter.js";
import { testArgon2, testServiceConfig } from "../../helpers/config.js";
import { form, services } from "./fixtures.js";

const { db, accounts, users, recentUsers, notificationRepository } = await services();
/** Sign-ins from one address, in a browser that has signed in to nothing before. */
const asker = { address: "10.0.0.1", knownDevice: () => undefined };

async function fieldsOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fields;
}

describe("AccountService.register", () => {
  it("stores a normalised user with an argon2id hash, never the password", async () => {
    const user = await accounts.register(form("Alice", " Alice@Example.COM "));
    expect(user).toMatchObject({ username: "Alice", email: "alice@example.com" });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain("correct horse");
    expect(await users.findById(user.id)).toEqual(user);
  });

  it("treats usernames case-insensitively", async () => {
    const fields = await fieldsOf(accounts.register(form("ALICE", "other@example.com")));
    expect(fields.username).toMatch(/taken/);
  });

  it("rejects an email already registered, whatever its case", async () => {
    const fields = await fieldsOf(accounts.register(form("alice2", "ALICE@example.com")));
    expect(fields).toEqual({ email: expect.stringMatching(/already registered/) });
  });

  it("turns a race for the same name into a field error for the loser", async () => {
    const results = await Promise.allSettled([
      accounts.register(form("racer", "racer1@example.com")),
      accounts.register(form("Racer", "racer2@example.com")),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const reason = (lost[0] as PromiseRejectedResult).reason;
    expect(reason).toBeInstanceOf(ValidationError);
    expect((reason as ValidationError).fields.username).toMatch(/taken/);
  });

  it("reports rule violations before touching the database", async () => {
    const fields = await fieldsOf(accounts.register({ username: "x", email: "nope", password: "short", password2: "" }));
    expect(Object.keys(fields).sort()).toEqual(["email", "password", "username"]);
  });
});

describe("AccountService.authenticate", () => {
  it("returns the user for the right password, any username case", async () => {
    const user = await accounts.authenticate("alice", "correct horse", asker);
    expect(user?.username).toBe("Alice");
  });

  it("returns null for a wrong password and for an unknown user", async () => {
    expect(await accounts.authenticate("Alice", "wrong horse", asker)).toBeNull();
    expect(await accounts.authenticate("nobody", "correct horse", asker)).toBeNull();
  });

  it("makes a hash with older costs again with today's at a successful login, and only then", async () => {
    const before = (await users.findByUsername("alice"))!.passwordHash;
    // The same accounts, run with higher costs than those the password was hashed with.
    const raised = new AccountService(
      users,
      new PasswordHasher({ ...testArgon2, timeCost: testArgon2.timeCost + 1 }, testServiceConfig.passwordHashing),
      new PasswordAttempts(new RateLimiter(new RateLimitRepository(db)), testServiceConfig.loginLimits),
      recentUsers,
      notificationRepository,
    );
    expect(await raised.authenticate("alice", "wrong horse", asker)).toBeNull();
    expect((await users.findByUsername("alice"))!.passwordHash).toBe(before);
    expect(await raised.authenticate("alice", "correct horse", asker)).not.toBeNull();
    const after = (await users.findByUsername("alice"))!.passwordHash;
    expect(after).not.toBe(before);
    expect(after).toMatch(new RegExp(`^\\$argon2id\\$v=19\\$m=${testArgon2.memoryCost},t=${testArgon2.timeCost + 1},p=1\\$`));
    // Upgraded once: the next login finds it current and leaves it, and the password still works.
    expect(await raised.authenticate("alice", "correct horse", asker)).not.toBeNull();
    expect((await users.findByUsername("alice"))!.passwordHash).toBe(after);
    expect(await accounts.authenticate("alice", "correct horse", asker)).not.toBeNull();
  });
});
