import { isAbsolute, relative } from "node:path";
import type { FastifyInstance } from "fastify";
import type { MailConfig } from "../config.js";
import { recentMail } from "../mail/outbox.js";
import { projectRoot } from "../paths.js";
import { mailView } from "../view-models/mail-view.js";

/** A folder as the developer named it: from the project's folder when it is inside it (`data/outbox`). */
function shortPath(dir: string): string {
  const inProject = relative(projectRoot, dir);
  return inProject.startsWith("..") || isAbsolute(inProject) ? dir : inProject;
}

/** The newest messages shown; older ones stay in the folder. */
const SHOWN = 50;

/**
 * Development only (never registered in production): the mail Jot has written to its outbox
 * folder, newest first, with its links ready to click, as Rails' letter_opener_web or Mailpit
 * show a developer. It shows everyone's reset and confirmation links, so it is no page for a server.
 */
export default async function devMailRoutes(app: FastifyInstance, { mail }: { mail: MailConfig }): Promise<void> {
  app.get("/dev/mail", async (_request, reply) => {
    const messages = mail.smtpUrl ? [] : (await recentMail(mail.outboxDir, SHOWN)).map(mailView);
    return reply.page("dev-mail", { title: "Mail", messages, outbox: shortPath(mail.outboxDir), smtp: Boolean(mail.smtpUrl), shown: SHOWN });
  });
}
