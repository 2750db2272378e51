import type { Mailbox, MailboxMessage } from "../domain/message.js";
import type { Page, PageRequest } from "../domain/page.js";
import { pagerView, type PagerView } from "./pager.js";
import { textView, type PostView } from "./post-list.js";

export interface MailboxView extends PagerView {
  box: Mailbox;
  tabs: { label: string; url: string; current: boolean }[];
  /** Each message's `author` is the other person: the sender when received, else the recipient. */
  messages: PostView[];
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
    messages: page.items.map((message) => textView(message.body, message.createdAt, message.other)),
    ...pagerView(page, mailboxUrl(box), request),
  };
}
