import { beforeEach, describe, expect, it } from "vitest";
import { PAGE_SIZE } from "../../app/domain/page.js";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { sideDoor } from "../helpers/posts.js";
import { csrfTokenIn, type Visitor } from "../helpers/visitor.js";

const { app, config, visitor } = await testApp();
const { db } = await sideDoor(config);
const ann = await loggedInVisitor(app, "ann");
const bob = await loggedInVisitor(app, "Bob");

const send = (from: Visitor, to: string, message: string) => from.submit(`/send_message/${to}`, `/send_message/${to}`, { message });
const badge = (html: string) => /<span class="badge" id="unread-badge"( hidden)?><span class="badge-count">(\d+)<\/span>/.exec(html);
/** The count the nav shows, or 0 when the badge is there but hidden. */
const shownUnread = (html: string) => (badge(html)![1] ? 0 : Number(badge(html)![2]));
const bodies = (html: string) => [...html.matchAll(/<p class="post-body">([^<]*)<\/p>/g)].map((m) => m[1]);
const fieldError = (html: string) => /id="message-error">([^<]+)</.exec(html)?.[1];

beforeEach(async () => {
  await db.message.deleteMany();
  await db.user.updateMany({ data: { lastReadMessageId: 0 } });
});

describe("sending a message", () => {
  it("sends from the form, says so on the recipient's profile (PRG), and the recipient's badge counts it", async () => {
    expect(shownUnread((await bob.get("/")).body)).toBe(0);
    const form = await ann.get("/send_message/bob");
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('action="/send_message/Bob"');
    const res = await send(ann, "bob", "  Hello <b>Bob</b>\r\nhow are you?  ");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/user/Bob");
    expect((await ann.get("/user/Bob")).body).toContain("Your message to Bob has been sent.");
    const [message] = await db.message.findMany({ include: { sender: true, recipient: true } });
    expect(message).toMatchObject({ body: "Hello <b>Bob</b>\nhow are you?", sender: { username: "ann" }, recipient: { username: "Bob" } });
    expect(shownUnread((await bob.get("/")).body)).toBe(1);
    await send(ann, "bob", "second");
    expect(shownUnread((await bob.get("/explore")).body)).toBe(2);
  });

  it("is offered on other people's profiles and cards, not on one's own", async () => {
    expect((await ann.get("/user/bob")).body).toContain('href="/send_message/Bob">Send message</a>');
    expect((await ann.get("/user/bob/popup")).body).toContain('href="/send_message/Bob">Send message</a>');
    expect((await ann.get("/user/ann")).body).not.toContain("Send message");
  });

  it("keeps the text and says what is wrong beside the field: 422", async () => {
    const blank = await send(ann, "bob", " \u200b\u3164\u2800 ");
    expect(blank.statusCode).toBe(422);
    expect(fieldError(blank.body)).toBe("Say something first.");
    const long = await send(ann, "bob", "x".repeat(141));
    expect(long.statusCode).toBe(422);
    expect(fieldError(long.body)).toBe("At most 140 characters.");
    expect(long.body).toContain(`>${"x".repeat(141)}</textarea>`);
    expect((await send(ann, "bob", "😀".repeat(139) + "\r\n" + "x")).statusCode).toBe(422);
    expect((await send(ann, "bob", "😀".repeat(138) + "\r\n" + "x")).statusCode).toBe(303);
    expect(await db.message.count()).toBe(1);
  });

  it("refuses writing to oneself with a message, and writes nothing", async () => {
    const page = await ann.get("/send_message/ANN");
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe("/user/ann");
    const token = csrfTokenIn((await ann.get("/")).body);
    const res = await ann.post("/send_message/ann", { _csrf: token, message: "me, me" });
    expect(res.statusCode).toBe(303);
    expect((await ann.get("/user/ann")).body).toContain("You cannot send a message to yourself.");
    expect(await db.message.count()).toBe(0);
  });

  it("answers an unknown user with 404, a missing token with 403, a visitor with the login page", async () => {
    expect((await ann.get("/send_message/nobody")).statusCode).toBe(404);
    const token = csrfTokenIn((await ann.get("/")).body);
    expect((await ann.post("/send_message/nobody", { _csrf: token, message: "hi" })).statusCode).toBe(404);
    expect((await ann.post("/send_message/bob", { message: "hi" })).statusCode).toBe(403);
    expect((await ann.post("/send_message/bob", { _csrf: token, message: ["a", "b"] })).statusCode).toBe(422);
    const stranger = await visitor().get("/send_message/bob");
    expect(stranger.headers.location).toBe("/login?next=%2Fsend_message%2Fbob");
    expect(await db.message.count()).toBe(0);
  });
});

describe("reading messages", () => {
  it("lists received messages newest first with the sender, and opening them clears the badge", async () => {
    await send(ann, "bob", "first <i>one</i>");
    await send(ann, "bob", "second");
    expect(shownUnread((await bob.get("/")).body)).toBe(2);
    const page = await bob.get("/messages");
    expect(page.statusCode).toBe(200);
    expect(bodies(page.body)).toEqual(["second", "first &lt;i&gt;one&lt;/i&gt;"]);
    expect(page.body).toMatch(/class="user-link" href="\/user\/ann">ann</);
    expect(page.body).toMatch(/src="\/avatar\/v1\/\d+\.svg"/);
    expect(page.body).toContain('href="/messages" aria-current="page">Received</a>');
    // The badge is still in the page, hidden, so a script can show it again.
    expect(shownUnread(page.body)).toBe(0);
    expect(shownUnread((await bob.get("/")).body)).toBe(0);
  });

  it("marks read only what the page showed: a message arriving afterwards stays unread", async () => {
    await send(ann, "bob", "seen");
    await bob.get("/messages");
    await send(ann, "bob", "not yet seen");
    expect(shownUnread((await bob.get("/")).body)).toBe(1);
  });

  it("marks read everything up to the newest message the page shows, not a later one listed lower by its time", async () => {
    const [annRow, bobRow] = await Promise.all(["ann", "bob"].map((key) => db.user.findUniqueOrThrow({ where: { usernameKey: key } })));
    await db.message.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({ senderId: annRow!.id, recipientId: bobRow!.id, body: `m${i + 1}`, createdAt: new Date(Date.now() - (30 - i) * 60_000) })),
    });
    // Written last (the highest id) but stamped an hour ago, as a sender's skewed clock could.
    await db.message.create({ data: { senderId: annRow!.id, recipientId: bobRow!.id, body: "late", createdAt: new Date(Date.now() - 3_600_000) } });
    // Written behind Jot's back: any form post reads bob afresh, count included.
    await bob.submit("/", "/posts", { body: "" });
    expect(shownUnread((await bob.get("/")).body)).toBe(31);
    expect(bodies((await bob.get("/messages")).body)).not.toContain("late");
    // The 5 older ones count as read (opening the mailbox reads it, as in the tutorial); "late" does not.
    expect(shownUnread((await bob.get("/")).body)).toBe(1);
  });

  it("marks nothing on a HEAD request (a prefetcher, say)", async () => {
    await send(ann, "bob", "unseen");
    expect((await bob.head("/messages")).statusCode).toBe(200);
    expect(shownUnread((await bob.get("/")).body)).toBe(1);
  });

  it("shows sent messages on their own tab, to whom, without marking anything", async () => {
    await send(ann, "bob", "to bob");
    const sent = await ann.get("/messages/sent");
    expect(bodies(sent.body)).toEqual(["to bob"]);
    expect(sent.body).toMatch(/<span class="muted">To<\/span> <a class="user-link" href="\/user\/Bob">Bob</);
    expect(bodies((await ann.get("/messages")).body)).toEqual([]);
    expect((await ann.get("/messages")).body).toContain("No messages yet.");
    expect(shownUnread((await bob.get("/")).body)).toBe(1);
  });

  it("pages by keyset links that stay on the mailbox", async () => {
    const [annRow, bobRow] = await Promise.all(["ann", "bob"].map((key) => db.user.findUniqueOrThrow({ where: { usernameKey: key } })));
    const start = Date.now() - 3_600_000;
    await db.message.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({ senderId: annRow!.id, recipientId: bobRow!.id, body: `m${i + 1}`, createdAt: new Date(start + i * 60_000) })),
    });
    const first = await bob.get("/messages");
    expect(bodies(first.body)).toHaveLength(PAGE_SIZE);
    expect(bodies(first.body)[0]).toBe("m30");
    const older = /class="pager-older" href="([^"]+)"/.exec(first.body)![1]!;
    expect(older).toMatch(/^\/messages\?before=\d+-\d+$/);
    expect(bodies((await bob.get(older)).body)).toEqual(Array.from({ length: 30 - PAGE_SIZE }, (_, i) => `m${30 - PAGE_SIZE - i}`));
    const sentOlder = /class="pager-older" href="([^"]+)"/.exec((await ann.get("/messages/sent")).body)![1]!;
    expect(sentOlder).toMatch(/^\/messages\/sent\?before=\d+-\d+$/);
    expect((await bob.get("/messages?before=bad")).statusCode).toBe(400);
  });
});
