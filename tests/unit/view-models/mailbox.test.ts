import { describe, expect, it } from "vitest";
import { mailboxView } from "../../../app/view-models/mailbox.js";

const message = (id: number, other: string) => ({
  id,
  senderId: 1,
  recipientId: 2,
  body: `m${id}`,
  createdAt: new Date(Date.UTC(2026, 10, 29, 12, 0, id)),
  other: { id: 7, username: other },
});

describe("mailboxView", () => {
  it("shows the other person with their avatar, marks the tab, and pages on the mailbox's own address", () => {
    const view = mailboxView("sent", { items: [message(2, "a b")], older: { createdAt: new Date(5), id: 2 } }, { kind: "first" });
    expect(view.tabs).toEqual([
      { label: "Received", url: "/messages", current: false },
      { label: "Sent", url: "/messages/sent", current: true },
    ]);
    expect(view.messages).toEqual([
      { parts: [{ text: "m2" }], author: "a b", authorUrl: "/user/a%20b", avatarUrl: "/avatar/v1/7.svg", isoTime: "2026-11-29T12:00:02.000Z", displayTime: "29 Nov 2026, 12:00 UTC" },
    ]);
    expect(view.olderUrl).toBe("/messages/sent?before=5-2");
  });
});
