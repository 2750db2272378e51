import { describe, expect, it } from "vitest";
import { chatListView, chatView } from "../../../app/view-models/chats.js";

const at = (second: number) => new Date(Date.UTC(2026, 10, 29, 12, 0, second));
const message = (id: number, senderId: number) => ({ id, senderId, recipientId: senderId === 1 ? 7 : 1, body: `m${id}`, createdAt: at(id) });

describe("chatListView", () => {
  it("names the other person with their avatar and conversation, says who wrote last, and pages on /messages", () => {
    const chats = [
      { other: { id: 7, username: "a b" }, last: { id: 3, senderId: 1, body: "mine <b>", createdAt: at(3) }, unread: 0 },
      { other: { id: 8, username: "cal" }, last: { id: 2, senderId: 8, body: "theirs", createdAt: at(2) }, unread: 2 },
    ];
    const view = chatListView({ items: chats, older: { createdAt: new Date(5), id: 8 } }, 1, { kind: "first" });
    expect(view.conversations).toEqual([
      { name: "a b", url: "/messages/a%20b", avatarUrl: "/avatar/v1/7.svg", lastText: "mine <b>", lastFromMe: true, isoTime: "2026-11-29T12:00:03.000Z", displayTime: "29 Nov 2026, 12:00 UTC", unread: 0 },
      { name: "cal", url: "/messages/cal", avatarUrl: "/avatar/v1/8.svg", lastText: "theirs", lastFromMe: false, isoTime: "2026-11-29T12:00:02.000Z", displayTime: "29 Nov 2026, 12:00 UTC", unread: 2 },
    ]);
    expect(view.olderUrl).toBe("/messages?before=5-8");
  });
});

describe("chatView", () => {
  it("turns the newest-first page to read oldest first, marks each side, and is live on its newest page only", () => {
    const page = { items: [message(3, 7), message(2, 1), message(1, 7)], older: { createdAt: new Date(9), id: 1 } };
    const view = chatView({ id: 7, username: "bo" }, page, 1, { kind: "first" });
    expect(view.messages.map((m) => [m.id, m.mine, m.parts])).toEqual([
      [1, false, [{ text: "m1" }]],
      [2, true, [{ text: "m2" }]],
      [3, false, [{ text: "m3" }]],
    ]);
    expect(view).toMatchObject({ title: "Messages with bo", url: "/messages/bo", live: true, sendAction: "/send_message/bo", olderUrl: "/messages/bo?before=9-1" });
    expect(view.other).toEqual({ name: "bo", url: "/user/bo", avatarUrl: "/avatar/v1/7.svg" });
    expect(chatView({ id: 7, username: "bo" }, page, 1, { kind: "older", cursor: { createdAt: new Date(9), id: 4 } }).live).toBe(false);
  });
});
