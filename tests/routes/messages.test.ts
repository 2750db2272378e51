import { beforeEach, describe, expect, it } from "vitest";
import { PAGE_SIZE } from "../../app/domain/page.js";
import { MessageRepository } from "../../app/repositories/message-repository.js";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { sideDoor } from "../helpers/posts.js";
import { csrfTokenIn, type Visitor } from "../helpers/visitor.js";

const { app, config, visitor } = await testApp();
const { db } = await sideDoor(config);
const ann = await loggedInVisitor(app, "ann");
const bob = await loggedInVisitor(app, "Bob");
const cal = await loggedInVisitor(app, "cal");
const idOf = async (key: string) => (await db.user.findUniqueOrThrow({ where: { usernameKey: key } })).id;

// The form's token from a page that reads nothing (the conversation's own page would read it).
const send = (from: Visitor, to: string, message: string) => from.submit("/explore", `/send_message/${to}`, { message });
const badge = (html: string) => /<span class="badge" id="unread-badge"( hidden)?><span class="badge-count">(\d+)<\/span>/.exec(html);
/** The count the nav shows, or 0 when the badge is there but hidden. */
const shownUnread = (html: string) => (badge(html)![1] ? 0 : Number(badge(html)![2]));
/** A conversation's messages as it shows them, oldest first: "me: text" or "them: text". */
const bubbles = (html: string) =>
  [...html.matchAll(/<li class="bubble bubble--(mine|theirs)" id="message-\d+">.*?<p class="bubble__text">(.*?)<\/p>/gs)].map((m) => `${m[1] === "mine" ? "me" : "them"}: ${m[2]}`);
/** /messages as it lists them: "name: last text (unread)". */
const rows = (html: string) =>
  [...html.matchAll(/<span class="conversation__name">([^<]*)<\/span>.*?<span class="conversation__last">(<span class="muted">You: <\/span>)?<span class="conversation__text">(.*?)<\/span><\/span>\s*<\/a>\s*(?:<span class="conversation__unread">(\d+))?/gs)].map(
    (m) => `${m[1]}: ${m[2] ? "you: " : ""}${m[3]}${m[4] ? ` (${m[4]})` : ""}`,
  );
const fieldError = (html: string) => /id="message-error">([^<]+)</.exec(html)?.[1];

beforeEach(async () => {
  await db.message.deleteMany();
  await db.chat.deleteMany();
});

describe("sending a message", () => {
  it("sends from the conversation's box, back to the conversation (PRG), and the recipient's badge counts it", async () => {
    expect(shownUnread((await bob.get("/")).body)).toBe(0);
    const page = await ann.get("/messages/bob");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('action="/send_message/Bob"');
    expect(page.body).toContain("No messages between you and Bob yet.");
    const res = await send(ann, "bob", "  Hello <b>Bob</b>\r\nhow are you?  ");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/messages/Bob#reply");
    expect(bubbles((await ann.get("/messages/Bob")).body)).toEqual(["me: Hello &lt;b&gt;Bob&lt;/b&gt;\nhow are you?"]);
    const [message] = await db.message.findMany({ include: { sender: true, recipient: true } });
    expect(message).toMatchObject({ body: "Hello <b>Bob</b>\nhow are you?", sender: { username: "ann" }, recipient: { username: "Bob" } });
    expect(shownUnread((await bob.get("/")).body)).toBe(1);
    await send(ann, "bob", "second");
    expect(shownUnread((await bob.get("/explore")).body)).toBe(2);
  });

  it("is offered on other people's profiles and cards, not on one's own; the old address opens the conversation", async () => {
    expect((await ann.get("/user/bob")).body).toContain('href="/messages/Bob">Send message</a>');
    expect((await ann.get("/user/bob/popup")).body).toContain('href="/messages/Bob">Send message</a>');
    expect((await ann.get("/user/ann")).body).not.toContain("Send message");
    const old = await ann.get("/send_message/Bob");
    expect(old.statusCode).toBe(303);
    expect(old.headers.location).toBe("/messages/Bob?reply");
    // ?reply: the box is focused (and so scrolled to).
    expect((await ann.get("/messages/Bob?reply")).body).toMatch(/<textarea id="message"[^>]*autofocus/);
  });

  it("keeps the text and says what is wrong beside the field, in the conversation: 422", async () => {
    await send(bob, "ann", "write back?");
    const blank = await send(ann, "bob", " \u200b\u3164\u2800 ");
    expect(blank.statusCode).toBe(422);
    expect(fieldError(blank.body)).toBe("Say something first.");
    expect(bubbles(blank.body)).toEqual(["them: write back?"]);
    const long = await send(ann, "bob", "x".repeat(141));
    expect(long.statusCode).toBe(422);
    expect(fieldError(long.body)).toBe("At most 140 characters.");
    expect(long.body).toContain(`>${"x".repeat(141)}</textarea>`);
    expect((await send(ann, "bob", "😀".repeat(139) + "\r\n" + "x")).statusCode).toBe(422);
    expect((await send(ann, "bob", "😀".repeat(138) + "\r\n" + "x")).statusCode).toBe(303);
    expect(await db.message.count()).toBe(2);
  });

  it("refuses writing to oneself with a message, and writes nothing", async () => {
    for (const path of ["/messages/ANN", "/send_message/ANN"]) {
      const page = await ann.get(path);
      expect(page.statusCode).toBe(303);
    }
    expect((await ann.get("/messages/ANN")).headers.location).toBe("/user/ann");
    const token = csrfTokenIn((await ann.get("/")).body);
    const res = await ann.post("/send_message/ann", { _csrf: token, message: "me, me" });
    expect(res.statusCode).toBe(303);
    expect((await ann.get("/user/ann")).body).toContain("You cannot send a message to yourself.");
    expect(await db.message.count()).toBe(0);
  });

  it("answers an unknown user with 404, a missing token with 403, a visitor with the login page", async () => {
    expect((await ann.get("/messages/nobody")).statusCode).toBe(404);
    const token = csrfTokenIn((await ann.get("/")).body);
    expect((await ann.post("/send_message/nobody", { _csrf: token, message: "hi" })).statusCode).toBe(404);
    expect((await ann.post("/send_message/bob", { message: "hi" })).statusCode).toBe(403);
    expect((await ann.post("/send_message/bob", { _csrf: token, message: ["a", "b"] })).statusCode).toBe(422);
    expect((await visitor().get("/messages/bob")).headers.location).toBe("/login?next=%2Fmessages%2Fbob");
    expect((await visitor().get("/messages")).headers.location).toBe("/login?next=%2Fmessages");
    expect(await db.message.count()).toBe(0);
  });
});

describe("the conversations", () => {
  it("lists one row per person, the newest conversation first, with its last message, who wrote it, and what is unread", async () => {
    await send(ann, "bob", "first <i>one</i>");
    await send(cal, "bob", "hello from cal");
    await send(bob, "ann", "hi ann");
    await send(ann, "bob", "how are you?");
    const page = await bob.get("/messages");
    expect(page.statusCode).toBe(200);
    expect(rows(page.body)).toEqual(["ann: how are you? (2)", "cal: hello from cal (1)"]);
    expect(page.body).toMatch(/<a class="conversation__link" href="\/messages\/ann">/);
    expect(page.body).toMatch(/src="\/avatar\/v1\/\d+\.svg"/);
    // The list reads nothing: the badge still counts all three.
    expect(shownUnread(page.body)).toBe(3);
    // ann has not read bob's answer yet, though she wrote last.
    expect(rows((await ann.get("/messages")).body)).toEqual(["Bob: you: how are you? (1)"]);
    expect((await cal.get("/messages/bob")).body).not.toContain("conversation--unread");
  });

  it("says how to start one when there is none", async () => {
    const page = await ann.get("/messages");
    expect(page.body).toContain("No messages yet");
    expect(page.body).toContain("open someone's profile");
  });

  it("shows both sides of a conversation in order, and opening it reads that conversation only", async () => {
    await send(ann, "bob", "one");
    await send(bob, "ann", "two");
    await send(ann, "bob", "three");
    await send(cal, "bob", "from cal");
    expect(shownUnread((await bob.get("/")).body)).toBe(3);
    const page = await bob.get("/messages/ann");
    expect(bubbles(page.body)).toEqual(["them: one", "me: two", "them: three"]);
    expect(page.body).toContain('<h1><a class="user-link" href="/user/ann">ann</a></h1>');
    // On the page itself the badge already counts what is left: cal's.
    expect(shownUnread(page.body)).toBe(1);
    expect(rows((await bob.get("/messages")).body)).toEqual(["cal: from cal (1)", "ann: three"]);
  });

  it("reads only what the page showed: a message arriving afterwards stays unread", async () => {
    await send(ann, "bob", "seen");
    await bob.get("/messages/ann");
    await send(ann, "bob", "not yet seen");
    expect(shownUnread((await bob.get("/")).body)).toBe(1);
  });

  it("reads nothing on a HEAD request (a prefetcher, say), nor when a refused message shows the conversation again", async () => {
    await send(ann, "bob", "unseen");
    expect((await bob.head("/messages/ann")).statusCode).toBe(200);
    expect((await send(bob, "ann", "")).statusCode).toBe(422);
    expect(shownUnread((await bob.get("/")).body)).toBe(1);
  });

  it("pages back through a long conversation by keyset links that stay on it; the list pages too", async () => {
    const messages = new MessageRepository(db);
    const [annId, bobId] = [await idOf("ann"), await idOf("bob")];
    for (let i = 1; i <= 30; i++) await messages.add({ senderId: i % 3 === 0 ? bobId : annId, recipientId: i % 3 === 0 ? annId : bobId, body: `m${i}` });
    const first = await bob.get("/messages/ann");
    const shown = bubbles(first.body);
    expect(shown).toHaveLength(PAGE_SIZE);
    expect(shown.at(-1)).toBe("me: m30");
    expect(shown[0]).toBe(`them: m${31 - PAGE_SIZE}`);
    const older = /<p class="chat-more"><a href="([^"]+)">Older messages<\/a>/.exec(first.body)![1]!;
    expect(older).toMatch(/^\/messages\/ann\?before=\d+-\d+$/);
    const back = await bob.get(older);
    expect(bubbles(back.body).map((b) => b.replace(/^\w+: /, ""))).toEqual(Array.from({ length: 30 - PAGE_SIZE }, (_, i) => `m${i + 1}`));
    expect(back.body).toContain(">Newer messages</a>");
    // An older page is history: no live updates there.
    expect(back.body).not.toContain("data-live");
    expect(first.body).toContain('data-live="/messages/ann"');
    expect((await bob.get("/messages/ann?before=bad")).statusCode).toBe(400);

    for (let i = 0; i < PAGE_SIZE + 2; i++) {
      await loggedInVisitor(app, `writer${i}`);
      await messages.add({ senderId: await idOf(`writer${i}`), recipientId: bobId, body: `hi ${i}` });
    }
    const list = await bob.get("/messages");
    expect(rows(list.body)).toHaveLength(PAGE_SIZE);
    expect(rows(list.body)[0]).toBe(`writer${PAGE_SIZE + 1}: hi ${PAGE_SIZE + 1} (1)`);
    const olderList = /class="pager-older" href="([^"]+)"/.exec(list.body)![1]!;
    expect(olderList).toMatch(/^\/messages\?before=\d+-\d+$/);
    expect(rows((await bob.get(olderList)).body)).toEqual(["writer1: hi 1 (1)", "writer0: hi 0 (1)", "ann: you: m30"]);
  });

  it("keeps both sides right when two people write to each other at the same moment, again and again", async () => {
    const annToken = csrfTokenIn((await ann.get("/explore")).body);
    const bobToken = csrfTokenIn((await bob.get("/explore")).body);
    const statuses: number[] = [];
    for (let round = 0; round < 15; round++) {
      const answers = await Promise.all([
        ann.post("/send_message/bob", { _csrf: annToken, message: `ann ${round}` }),
        bob.post("/send_message/ann", { _csrf: bobToken, message: `bob ${round}` }),
        ann.post("/send_message/bob", { _csrf: annToken, message: `ann again ${round}` }),
      ]);
      statuses.push(...answers.map((answer) => answer.statusCode));
    }
    expect(statuses.filter((status) => status !== 303)).toEqual([]);
    const [annId, bobId] = [await idOf("ann"), await idOf("bob")];
    const chats = await db.chat.findMany({ orderBy: { ownerId: "asc" } });
    const newest = await db.message.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(chats.map((chat) => [chat.ownerId, chat.otherId, chat.unread, chat.lastMessageId])).toEqual(
      [
        [annId, bobId, 15, newest.id],
        [bobId, annId, 30, newest.id],
      ].sort((a, b) => a[0]! - b[0]!),
    );
  });
});
