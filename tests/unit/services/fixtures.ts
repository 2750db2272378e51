import { composeServices } from "../../../app/compose.js";
import { LocalNews } from "../../../app/database/news.js";
import { countingClient } from "../../helpers/database.js";
import { testServiceConfig } from "../../helpers/config.js";

/** Real repositories and services on a fresh database, with every query's SQL recorded. */
export async function services() {
  const { db, queries } = await countingClient();
  return { db, queries, ...composeServices(db, new LocalNews(), testServiceConfig) };
}

export const form = (username: string, email = `${username}@example.com`, password = "correct horse") => ({
  username,
  email,
  password,
  password2: password,
});
