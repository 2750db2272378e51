import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { loadConfig, type Config } from "../../app/config.js";
import { freshDatabaseUrl } from "./database.js";
import { tmpDir } from "./paths.js";

export const TEST_ENV = {
  NODE_ENV: "test",
  DATABASE_POOL_SIZE: "5",
  SESSION_SECRET: "test-session-secret-that-is-long-enough-0123456789",
  ARGON2_MEMORY_KIB: "1024",
  ARGON2_TIME_COST: "1",
  ARGON2_PARALLELISM: "1",
  PUBLIC_URL: "http://jot.test",
  // Tests act faster than any person: the limits are raised out of the way, and each limit's own
  // test sets it low again.
  RATE_LIMIT_REGISTRATIONS: "100000/60",
  RATE_LIMIT_REGISTRATION_ATTEMPTS: "100000/60",
  RATE_LIMIT_RESET_REQUESTS: "100000/60",
  RATE_LIMIT_ACCOUNT_EMAILS: "100000/60",
  RATE_LIMIT_POSTS: "100000/60",
  RATE_LIMIT_MESSAGES: "100000/60",
  RATE_LIMIT_FOLLOWS: "100000/60",
  RATE_LIMIT_LIKES: "100000/60",
};

/** argon2id at its cheapest, set through the same variables as production. */
export const testArgon2 = loadConfig(TEST_ENV).argon2;
/** What the services are built with in tests: that argon2, the default sign-in limits, the raised action limits. */
export const testServiceConfig = loadConfig(TEST_ENV);

/** The app's own config loader with test values: a fresh database and argon2 at its cheapest. */
export async function testConfig(overrides: Record<string, string> = {}): Promise<Config> {
  const outbox = join(tmpDir, `outbox-${randomUUID()}`);
  return loadConfig({ ...TEST_ENV, DATABASE_URL: await freshDatabaseUrl(), MAIL_OUTBOX_DIR: outbox, ...overrides });
}
