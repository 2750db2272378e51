import { loadConfig, type Config } from "../../app/config.js";
import { freshDatabaseUrl } from "./database.js";

const TEST_ENV = {
  NODE_ENV: "test",
  DATABASE_POOL_SIZE: "5",
  SESSION_SECRET: "test-session-secret-that-is-long-enough-0123456789",
  ARGON2_MEMORY_KIB: "1024",
  ARGON2_TIME_COST: "1",
  ARGON2_PARALLELISM: "1",
};

/** argon2id at its cheapest, set through the same variables as production. */
export const testArgon2 = loadConfig(TEST_ENV).argon2;
/** What the services are built with in tests: that argon2, and the default sign-in limits. */
export const testServiceConfig = { argon2: testArgon2, loginLimits: loadConfig(TEST_ENV).loginLimits };

/** The app's own config loader with test values: a fresh database and argon2 at its cheapest. */
export async function testConfig(overrides: Record<string, string> = {}): Promise<Config> {
  return loadConfig({ ...TEST_ENV, DATABASE_URL: await freshDatabaseUrl(), ...overrides });
}
