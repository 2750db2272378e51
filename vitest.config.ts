import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/helpers/global-setup.ts"],
    // Each file gets its own SQLite copy, so files can run in parallel safely.
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
