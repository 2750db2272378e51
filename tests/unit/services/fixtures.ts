import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { composeServices } from "../../../app/compose.js";
import { LocalNews } from "../../../app/database/news.js";
import { createMailer } from "../../../app/mail/mailer.js";
import { countingClient } from "../../helpers/database.js";
import { testServiceConfig } from "../../helpers/config.js";
import { tmpDir } from "../../helpers/paths.js";

/** Real repositories and services on a fresh database, with every query's SQL recorded, mailing to an outbox of their own. */
export async function services() {
  const { db, queries } = await countingClient();
  const outbox = join(tmpDir, `outbox-${randomUUID()}`);
  const mailer = createMailer({ ...testServiceConfig.mail, outboxDir: outbox }, { info() {}, error() {} });
  return { db, queries, outbox, ...composeServices(db, new LocalNews(), mailer, testServiceConfig) };
}

export const form = (username: string, email = `${username}@example.com`, password = "correct horse") => ({
  username,
  email,
  password,
  password2: password,
});
