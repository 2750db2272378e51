import { loadConfig, type Config } from "../../app/config.js";
import { freshDatabaseUrl } from "./database.js";

/** The app's own config loader with test values: a fresh database and argon2 at its cheapest. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: freshDatabaseUrl(),
    SESSION_SECRET: "test-session-secret-that-is-long-enough-0123456789",
    ARGON2_MEMORY_KIB: "1024",
    ARGON2_TIME_COST: "1",
    ARGON2_PARALLELISM: "1",
    ...overrides,
  });
}
