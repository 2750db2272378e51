import { randomBytes } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { FastifyBaseLogger } from "fastify";
import nodemailer from "nodemailer";
import type { MailConfig } from "../config.js";

/** One email: plain text, with the one link it is about (logged when the mail goes to the outbox). */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  link: string;
}

/** Sends mail; `send` never throws: a mail that could not be sent is logged and answered false. */
export interface Mailer {
  send(mail: Mail): Promise<boolean>;
  close(): void;
}

// A page waits for its mail: a server that does not answer must not hold it for long.
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

/**
 * Mail through the SMTP server of SMTP_URL; without one, each message is written whole (an RFC 5322
 * .eml file, as a server would have been handed it) into the outbox folder, and its link is logged,
 * so that development needs no mail server and tests read what was sent.
 */
export function createMailer(config: MailConfig, log: Pick<FastifyBaseLogger, "info" | "error">): Mailer {
  const smtp = config.smtpUrl ? nodemailer.createTransport({ url: config.smtpUrl, ...SMTP_TIMEOUTS }) : undefined;
  const outbox = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });

  async function deliver(mail: Mail): Promise<void> {
    // The address as an address, never parsed as a list of them.
    const message = { from: config.from, to: { name: "", address: mail.to }, subject: mail.subject, text: mail.text };
    if (smtp) {
      await smtp.sendMail(message);
      return;
    }
    const { message: eml } = await outbox.sendMail(message);
    await mkdir(config.outboxDir, { recursive: true });
    const file = join(config.outboxDir, `${Date.now()}-${randomBytes(4).toString("hex")}.eml`);
    // Written under another name, then renamed: whoever reads the outbox (/dev/mail, a test) sees a
    // message whole or not at all, never half written.
    await writeFile(`${file}.part`, eml as Buffer);
    await rename(`${file}.part`, file);
    // The link whole, on the line itself: a developer opens it from here (or from /dev/mail).
    log.info({ to: mail.to, file, link: mail.link }, `mail to ${mail.to} written to the outbox: "${mail.subject}" ${mail.link}`);
  }

  return {
    async send(mail) {
      try {
        await deliver(mail);
        return true;
      } catch (error) {
        log.error({ err: error, to: mail.to, subject: mail.subject }, "mail not sent");
        return false;
      }
    },
    close() {
      smtp?.close();
    },
  };
}
