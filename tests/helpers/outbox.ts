import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";

/** One message Jot wrote to its outbox, read back from the .eml file. */
export interface SentMail {
  file: string;
  to: string;
  subject: string;
  text: string;
  /** The path (and query) of the first link in the text: what a test opens. */
  linkPath: string | undefined;
  link: string | undefined;
}

const outboxes = new WeakMap<FastifyInstance, string>();

/** Remembers where `app` writes its mail, for Visitor and the tests. */
export function rememberOutbox(app: FastifyInstance, dir: string): void {
  outboxes.set(app, dir);
}

export function outboxOf(app: FastifyInstance): string | undefined {
  return outboxes.get(app);
}

/** Quoted-printable, as nodemailer writes long lines: soft breaks joined, =XX decoded (UTF-8). */
function decodeQuotedPrintable(body: string): string {
  const joined = body.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined[i] === "=" ? /^[0-9A-F]{2}/i.exec(joined.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i]!, "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

function parse(file: string): SentMail {
  const raw = readFileSync(file, "utf8");
  const split = raw.indexOf("\n\n");
  const head = raw.slice(0, split).replace(/\n[ \t]+/g, " ");
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, "im").exec(head)?.[1] ?? "";
  const body = raw.slice(split + 2);
  const text = /quoted-printable/i.test(header("Content-Transfer-Encoding")) ? decodeQuotedPrintable(body) : body;
  const link = /https?:\/\/\S+/.exec(text)?.[0];
  return { file, to: header("To"), subject: header("Subject"), text, link, linkPath: link ? new URL(link).pathname + new URL(link).search : undefined };
}

/** Every message in the outbox, oldest first. */
export function mailsIn(dir: string): SentMail[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".eml"))
    .sort()
    .map((name) => parse(join(dir, name)));
}

/** Every message to `address`, oldest first. */
export function mailsTo(dir: string, address: string): SentMail[] {
  return mailsIn(dir).filter((mail) => mail.to.toLowerCase().includes(address.toLowerCase()));
}

/** The newest message to `address`, if any. */
export function lastMailTo(dir: string, address: string): SentMail | undefined {
  return mailsTo(dir, address).at(-1);
}

/**
 * Waits (5 s at most) until `address` has more than `already` messages, as a mail sent after its
 * page has answered arrives, and returns the newest.
 */
export async function awaitMailTo(dir: string, address: string, already: number): Promise<SentMail> {
  for (const started = Date.now(); Date.now() - started < 5000; await new Promise((resolve) => setTimeout(resolve, 20))) {
    const mails = mailsTo(dir, address);
    if (mails.length > already) return mails.at(-1)!;
  }
  throw new Error(`no new mail to ${address} in ${dir}`);
}
