import { defineConfig } from "vitest/config";

// The suites that touch a database run twice: once on SQLite, once on PostgreSQL.
const ON_EACH_DATABASE = [
  "tests/unit/repositories/**/*.test.ts",
  "tests/unit/services/**/*.test.ts",
  "tests/routes/**/*.test.ts",
  "tests/database/**/*.test.ts",
  "tests/security/**/*.test.ts",
];

export default defineConfig({
  test: {
    // Each file gets its own database, so files can run in parallel safely.
    pool: "forks",
    // Two files at a time. Vitest's default is one worker fewer than there are cores, which is one
    // on a two-core machine: the suite then waits for Chromium, argon2 and PostgreSQL one file at a
    // time, and its wall time is the sum of its files'. Browser tests that time something in the
    // page move its clock by hand (page.clock), so the load of a second file cannot stretch them.
    maxWorkers: 2,
    reporters: ["default", "./tests/helpers/slowest-files.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          exclude: ["tests/unit/repositories/**", "tests/unit/services/**"],
          typecheck: { enabled: true, include: ["tests/types/**/*.test-d.ts"], tsconfig: "tsconfig.check.json" },
        },
      },
      {
        extends: true,
        test: {
          name: "sqlite",
          include: [...ON_EACH_DATABASE, "tests/sqlite/**/*.test.ts", "tests/browser/**/*.test.ts"],
          env: { JOT_TEST_DATABASE: "sqlite" },
          globalSetup: ["tests/helpers/sqlite-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "postgres",
          include: [...ON_EACH_DATABASE, "tests/postgres/**/*.test.ts"],
          env: { JOT_TEST_DATABASE: "postgres" },
          globalSetup: ["tests/helpers/postgres-setup.ts"],
        },
      },
    ],
  },
});
