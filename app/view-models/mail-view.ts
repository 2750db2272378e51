import { LinkifyIt } from "linkify-it";
import type { OutboxMail } from "../mail/outbox.js";

/** A piece of a mail's text: words, or a link to open. The template escapes both. */
export type TextPart = { text: string } | { text: string; href: string };

const linkify = new LinkifyIt();

/** `text` cut into words and links: every http(s) address becomes a link, whole, however it was wrapped in the file. */
export function withLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const match of linkify.match(text) ?? []) {
    if (!/^https?:$/i.test(match.schema)) continue;
    if (match.index > at) parts.push({ text: text.slice(at, match.index) });
    parts.push({ text: match.text, href: match.url });
    at = match.lastIndex;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}

/** What the development mail page shows of a message. */
export function mailView(mail: OutboxMail) {
  return { sentAt: mail.sentAt.toISOString(), to: mail.to, subject: mail.subject, parts: withLinks(mail.text) };
}
