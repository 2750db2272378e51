import type { OutboxMail } from "../mail/outbox.js";
import { linkedText } from "./linked-text.js";

/** What the development mail page shows of a message. */
export function mailView(mail: OutboxMail) {
  return { sentAt: mail.sentAt.toISOString(), to: mail.to, subject: mail.subject, parts: linkedText(mail.text) };
}
