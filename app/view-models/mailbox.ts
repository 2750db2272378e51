import type { Mailbox, MailboxMessage } from "../domain/message.js";
import type { Page, PageRequest } from "../domain/page.js";
import { pagerView, type PagerView } from "./pager.js";
import { utcTime } from "./post-list.js";
import { avatarUrl, profileUrl } from "./urls.js";

export interface MailboxMessageView {
  body: string;
  /** The sender of a received message, the recipient of a sent one. */
  other: string;
  otherUrl: string;
  avatarUrl: string;
  isoTime: string;
  displayTime: string;
}

export interface MailboxView extends PagerView {
  box: Mailbox;
  tabs: { label: string; url: string; current: boolean }[];
  messages: MailboxMessageView[];
}

export const mailboxUrl = (box: Mailbox) => (box === "received" ? "/messages" : "/messages/sent");

/** A page of received or sent messages, with the Received / Sent tabs and Newer / Older links. */
export function mailboxView(box: Mailbox, page: Page<MailboxMessage>, request: PageRequest): MailboxView {
  return {
    box,
    tabs: (["received", "sent"] as const).map((tab) => ({
      label: tab === "received" ? "Received" : "Sent",
      url: mailboxUrl(tab),
      current: tab === box,
    })),
    messages: page.items.map((message) => ({
      body: message.body,
      other: message.other.username,
      otherUrl: profileUrl(message.other.username),
      avatarUrl: avatarUrl(message.other.id),
      isoTime: message.createdAt.toISOString(),
      displayTime: utcTime(message.createdAt),
    })),
    ...pagerView(page, mailboxUrl(box), request),
  };
}
