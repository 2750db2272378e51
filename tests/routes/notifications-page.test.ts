// Mentions and the notifications page: @names that link to the person by id and tell them, replies
// and likes that tell the author (a post's likes as one line), the page that lists it all and reads
// it, and its badge.
import { describe, expect, it } from "vitest";
import { PAGE_SIZE } from "../../app/domain/page.js";
import { MOST_NOTIFIED } from "../../app/domain/mentions.js";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { sideDoor } from "../helpers/posts.js";
import { csrfTokenIn, type Visitor } from "../helpers/visitor.js";

const { app, config, visitor } = await testApp();
const { db, publish } = await sideDoor(config);
const ann = await loggedInVisitor(app, "ann");
const bob = await loggedInVisitor(app, "bob");
const carl = await loggedInVisitor(app, "carl");
const idOf = async (name: string) => (await db.user.findUniqueOrThrow({ where: { usernameKey: name } })).id;

const AS_SCRIPT = { accept: "application/json" };
const news = async (who: Visitor) => (await who.get("/notifications?since=0", AS_SCRIPT)).json();
/** Who did what, as each line of the notifications page says it, without opening (and so reading) the page. */
const kindsOf = async (name: string) =>
  (await db.notification.findMany({ where: { user: { usernameKey: name }, kind: { in: ["follower", "reply", "mention", "like"] } }, orderBy: { seq: "desc" }, include: { actor: true } })).map(
    (n) => `${n.actor?.username} ${n.kind}`,
  );
const reply = (who: Visitor, id: number, body: string) => who.submit(`/post/${id}`, `/post/${id}/replies`, { body });
const like = async (who: Visitor, id: number, liked = true) =>
  who.post(`/post/${id}/${liked ? "like" : "unlike"}`, { _csrf: csrfTokenIn((await who.get("/")).body) });
/** The lines of the notifications page: its text, spaces squeezed. */
const linesOf = (html: string) =>
  [...html.matchAll(/<li class="post(?: unread)?">([\s\S]*?)<\/li>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim());

describe("mentions", () => {
  it("links an @name to the person by id, through a rename; a name no one has stays text", async () => {
    const dave = await loggedInVisitor(app, "dave");
    const daveId = await idOf("dave");
    const post = await publish(ann, "Hello @Dave and @nobody_here, mail me at ann@example.com");
    const page = (await ann.get(`/post/${post.id}`)).body;
    expect(page).toContain(`Hello <a class="mention" href="/people/${daveId}">@Dave</a> and @nobody_here, mail me at ann@example.com`);
    expect((await ann.get(`/people/${daveId}`)).headers.location).toBe("/user/dave");

    expect((await dave.submit("/edit_profile", "/edit_profile", { username: "david", about_me: "" })).statusCode).toBe(303);
    expect((await ann.get(`/post/${post.id}`)).body).toContain(`<a class="mention" href="/people/${daveId}">@Dave</a>`);
    expect((await ann.get(`/people/${daveId}`)).headers.location).toBe("/user/david");
    // A new post names whoever has the name now: no one.
    const later = await publish(ann, "Where is @dave?");
    expect((await ann.get(`/post/${later.id}`)).body).toContain("Where is @dave?");
  });

  it("answers an id that names no one with a 404, and a visitor with the login page", async () => {
    for (const id of ["999999", "0", "abc", "1e3", "99999999999"]) expect((await ann.get(`/people/${id}`)).statusCode, id).toBe(404);
    expect((await visitor().get(`/people/${await idOf("ann")}`)).headers.location).toMatch(/^\/login/);
  });

  it("tells each person named once, live, but not the author, and no more than the first few", async () => {
    const crowd = await Promise.all(Array.from({ length: MOST_NOTIFIED + 2 }, (_, i) => loggedInVisitor(app, `crowd${i}`)));
    const names = crowd.map((_, i) => `@crowd${i}`).join(" ");
    await publish(ann, `@ann ${names} @crowd0`.slice(0, 140));
    const told = await Promise.all(crowd.map(async (_, i) => (await kindsOf(`crowd${i}`)).length));
    expect(told).toEqual([...Array(MOST_NOTIFIED).fill(1), 0, 0]);
    expect(await kindsOf("ann")).toEqual([]);
    const polled = await news(crowd[0]!);
    expect(polled.unreadNotifications).toBe(1);
    expect(polled.notifications.at(-1)).toMatchObject({ kind: "mention", from: { username: "ann" }, notice: { text: "ann mentioned you", url: expect.stringMatching(/^\/post\/\d+$/) } });
  });
});

describe("what the author is told", () => {
  it("tells of a reply once, even when it names them too; not of one's own reply", async () => {
    const post = await publish(bob, "A question for you all");
    const before = (await kindsOf("bob")).length;
    expect((await reply(carl, post.id, "@bob here is my answer")).statusCode).toBe(303);
    await reply(bob, post.id, "Thanks, noted");
    expect((await kindsOf("bob")).slice(0, (await kindsOf("bob")).length - before)).toEqual(["carl reply"]);
  });

  it("keeps a post's likes as one line naming the newest liker, and takes back what is unliked", async () => {
    const eve = await loggedInVisitor(app, "eve");
    const post = await publish(eve, "Like this one");
    await like(ann, post.id);
    await like(bob, post.id);
    await like(eve, post.id);
    expect(await kindsOf("eve")).toEqual(["bob like"]);
    let page = (await eve.get("/notifications")).body;
    expect(linesOf(page)).toEqual([`New: bob and 1 other liked your post ${utcTimeOf(page)} Like this one`]);
    expect(page).toContain(`and <a href="/post/${post.id}/likes">1 other</a> liked your post`);

    await like(bob, post.id, false);
    expect(await kindsOf("eve")).toEqual(["ann like"]);
    page = (await eve.get("/notifications")).body;
    expect(linesOf(page)[0]).toMatch(/^ann liked your post /);
    await like(ann, post.id, false);
    expect(await kindsOf("eve")).toEqual([]);
    // Liked again: told again.
    await like(carl, post.id);
    expect(await kindsOf("eve")).toEqual(["carl like"]);
  });

  it("takes a post's notifications with it when it is deleted, and with its deleted stand-in", async () => {
    const fay = await loggedInVisitor(app, "fay");
    const post = await publish(fay, "Soon gone");
    await like(ann, post.id);
    await reply(ann, post.id, "@fay answered");
    const answered = await db.post.findFirstOrThrow({ where: { replyToId: post.id } });
    expect(await kindsOf("fay")).toEqual(["ann reply", "ann like"]);
    // Ann deletes her reply (gone outright), Fay her post (it stays, deleted, above nothing now: gone too).
    await ann.submit(`/post/${answered.id}/delete`, `/post/${answered.id}/delete`, {});
    expect(await kindsOf("fay")).toEqual(["ann like"]);
    await fay.submit(`/post/${post.id}/delete`, `/post/${post.id}/delete`, {});
    expect(await kindsOf("fay")).toEqual([]);
    expect(await db.notification.count({ where: { postId: post.id } })).toBe(0);
  });
});

/** The time the page shows for its first line. */
const utcTimeOf = (html: string) => /<time datetime="[^"]+">([^<]+)<\/time>/.exec(html)![1]!;

describe("the notifications page", () => {
  it("lists follows, replies, mentions and likes newest first, marks the new ones, and reads them on opening", async () => {
    const gus = await loggedInVisitor(app, "gus");
    const post = await publish(gus, "Gus writes");
    await ann.submit("/user/gus", "/follow/gus", {});
    await reply(bob, post.id, "Bob answers");
    await publish(carl, "Hey @gus");
    await like(ann, post.id);
    await ann.submit("/explore", "/send_message/gus", { message: "Messages have a page of their own" });

    const home = (await gus.get("/")).body;
    expect(home).toMatch(/<a class="tab nav-notifications" href="\/notifications"><span class="nav-label">Notifications<\/span><span class="badge" id="notifications-badge"><span class="badge-count">4<\/span>/);
    const page = await gus.get("/notifications");
    expect(page.statusCode).toBe(200);
    expect(page.headers["cache-control"]).toBe("no-store");
    expect(linesOf(page.body).map((line) => line.replace(/ \d+ \w+ \d{4}, \d\d:\d\d UTC/, ""))).toEqual([
      "New: ann liked your post Gus writes",
      "New: carl mentioned you Hey @gus",
      "New: bob replied to your post Bob answers",
      "New: ann followed you",
    ]);
    // Opening it read them: the badge is gone on this page and the next, and from the news.
    expect(page.body).toContain('<span class="badge" id="notifications-badge" hidden>');
    expect((await gus.get("/")).body).toContain('<span class="badge" id="notifications-badge" hidden>');
    expect((await news(gus)).unreadNotifications).toBe(0);
    expect(linesOf((await gus.get("/notifications")).body)[0]).toMatch(/^ann liked your post/);
    // And the reading is news for the user's other tabs.
    expect((await news(gus)).notifications.at(-1)).toMatchObject({ kind: "read" });
  });

  it("pages newest first; an older page reads nothing", async () => {
    const hal = await loggedInVisitor(app, "hal");
    const halId = await idOf("hal");
    const fans = await db.user.findMany({ where: { usernameKey: { startsWith: "crowd" } } });
    expect(fans.length).toBeGreaterThanOrEqual(12);
    // 30 follows, a minute apart, written as Jot writes them (through the log's numbers).
    const base = Date.now();
    for (let seq = 1; seq <= 30; seq++) {
      const follower = fans[seq % fans.length]!.id;
      await db.notification.create({ data: { userId: halId, seq, kind: "follower", actorId: follower, createdAt: new Date(base - (31 - seq) * 60_000) } });
    }
    await db.user.update({ where: { id: halId }, data: { notificationSeq: 30 } });
    // The page past the newest page's last (number 31 - PAGE_SIZE) holds the oldest, and reads nothing.
    const older = await hal.get(`/notifications?before=${base - PAGE_SIZE * 60_000}-${31 - PAGE_SIZE}`);
    expect(linesOf(older.body)).toHaveLength(30 - PAGE_SIZE);
    expect((await news(hal)).unreadNotifications).toBe(30);
    const first = (await hal.get("/notifications")).body;
    expect(linesOf(first)).toHaveLength(PAGE_SIZE);
    const olderUrl = /<a class="pager-older" href="([^"]+)"/.exec(first)![1]!.replaceAll("&amp;", "&");
    const second = (await hal.get(olderUrl)).body;
    expect(linesOf(second)).toHaveLength(30 - PAGE_SIZE);
    expect(second).toContain("Newer notifications");
    expect((await news(hal)).unreadNotifications).toBe(0);
  });

  it("is the login page for a visitor, a bad page link is a 400, and nothing new says so", async () => {
    expect((await visitor().get("/notifications")).headers.location).toBe("/login?next=%2Fnotifications");
    expect((await ann.get("/notifications?before=tampered")).statusCode).toBe(400);
    const ida = await loggedInVisitor(app, "ida");
    expect((await ida.get("/notifications")).body).toContain("Nothing yet. When someone follows you");
  });
});
