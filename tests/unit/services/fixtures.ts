import { afterAll } from "vitest";
import { composeServices } from "../../../app/compose.js";
import { countingClient } from "../../helpers/database.js";
import { testConfig } from "../../helpers/config.js";

/** Real repositories and services on a fresh SQLite file, with every query's SQL recorded. */
export function services() {
  const { db, queries } = countingClient();
  afterAll(() => db.$disconnect());
  return { db, queries, ...composeServices(db, testConfig().argon2) };
}

export const form = (username: string, email = `${username}@example.com`, password = "correct horse") => ({
  username,
  email,
  password,
  password2: password,
});
