// Reposts: the Repost / Undo form under every post, a repost in the reposter's followers' feeds and
// on their profile at the time of the repost (each post once a page), who reposted a post, the
// grouped notification, what a repost cannot be, and the count under concurrency.
import { describe, expect, it } from "vitest";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { sideDoor } from "../helpers/posts.js";
import { toggleInLoops } from "../helpers/toggle-race.js";
import { csrfTokenIn, type Visitor } from "../helpers/visitor.js";

const { app, config } = await testApp();
const { db, publish: post } = await sideDoor(config);
const ann = await loggedInVisitor(app, "ann");
const bob = await loggedInVisitor(app, "bob");
const cy = await loggedInVisitor(app, "cal");

const token = async (who: Visitor) => csrfTokenIn((await who.get("/")).body);
const repost = async (who: Visitor, id: number, on = true) => who.post(`/post/${id}/${on ? "" : "un"}repost`, { _csrf: await token(who) });
const countOf = async (id: number) => (await db.post.findUniqueOrThrow({ where: { id } })).repostCount;
const rowsOf = (id: number) => db.post.count({ where: { repostOfId: id } });
/** The posts a page lists, by id, top to bottom. */
const listed = (html: string) => [...html.matchAll(/<li class="post" id="post-(\d+)"/g)].map((m) => Number(m[1]));
const asScript = (who: Visitor, path: string, csrf: string) =>
  app.inject({ method: "POST", url: path, headers: { cookie: who.cookieHeader(), accept: "application/json", "content-type": "application/x-www-form-urlencoded" }, payload: `_csrf=${encodeURIComponent(csrf)}` });
const follow = async (who: Visitor, name: string) => who.post(`/follow/${name}`, { _csrf: await token(who) });
const idOf = async (name: string) => (await db.user.findUniqueOrThrow({ where: { usernameKey: name } })).id;

await follow(cy, "bob");

describe("reposting without script", () => {
  it("reposts and brings one back to the same post on the same page; the button is then pressed and undoes it", async () => {
    const first = await post(ann, "Worth passing on");
    const explore = await bob.get("/explore");
    expect(explore.body).toContain(`<button formaction="/post/${first.id}/repost" aria-pressed="false" aria-label="Repost ann&#39;s post"></button>`);
    const done = await bob.post(`/post/${first.id}/repost`, { _csrf: csrfTokenIn(explore.body), next: "/explore" });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/explore#post-${first.id}`);
    expect(await countOf(first.id)).toBe(1);
    const after = (await bob.get("/explore")).body;
    expect(after).toContain(`<button formaction="/post/${first.id}/unrepost" aria-pressed="true" aria-label="Repost ann&#39;s post, 1 repost">1</button>`);
    // Explore lists each post once: never the repost beside it.
    expect(listed(after).filter((id) => id === first.id)).toHaveLength(1);
    expect(after).not.toContain("reposted</p>");

    expect((await bob.post(`/post/${first.id}/unrepost`, { _csrf: csrfTokenIn(after), next: "/explore" })).headers.location).toBe(`/explore#post-${first.id}`);
    expect([await countOf(first.id), await rowsOf(first.id)]).toEqual([0, 0]);
  });

  it("puts the post in the reposter's followers' feeds and on their profile at the time of the repost, saying who reposted it", async () => {
    const older = await post(ann, "An older post of ann's");
    await db.post.update({ where: { id: older.id }, data: { createdAt: new Date(Date.now() - 86_400_000) } });
    const newer = await post(bob, "Bob's own, written before the repost");
    expect(listed((await cy.get("/")).body)).not.toContain(older.id);
    await repost(bob, older.id);

    const feed = (await cy.get("/")).body;
    // cy follows bob, not ann: the repost brings ann's post in, above bob's newer post.
    expect(listed(feed)).toEqual(expect.arrayContaining([older.id, newer.id]));
    expect(listed(feed).indexOf(older.id)).toBeLessThan(listed(feed).indexOf(newer.id));
    expect(feed).toContain(`<p class="post-repost"><a href="/user/bob">bob</a> reposted</p>`);
    const profile = (await ann.get("/user/bob")).body;
    expect(listed(profile)[0]).toBe(older.id);
    // The post keeps its own time and author.
    expect(profile).toMatch(new RegExp(`id="post-${older.id}"[^]*?<a class="user-link" href="/user/ann">ann</a>`));
    // Taking it back takes it out of both.
    await repost(bob, older.id, false);
    expect(listed((await cy.get("/")).body)).not.toContain(older.id);
    expect(listed((await ann.get("/user/bob")).body)).not.toContain(older.id);
  });

  it("shows a post once a page when it is there itself and as a repost, at the newer of the two", async () => {
    await follow(cy, "ann");
    const both = await post(ann, "Seen twice?");
    await repost(bob, both.id);
    const feed = (await cy.get("/")).body;
    expect(listed(feed).filter((id) => id === both.id)).toHaveLength(1);
    expect(feed).toContain(`id="post-${both.id}"><img src="/avatar/v1/${await idOf("ann")}.svg" alt=""><div><p class="post-repost"><a href="/user/bob">bob</a> reposted</p>`);
    await cy.post("/unfollow/ann", { _csrf: await token(cy) });
  });

  it("says who reposted a post, newest first, from the post's page", async () => {
    const first = await post(ann, "Who passed this on?");
    await repost(bob, first.id);
    await repost(cy, first.id);
    const page = (await ann.get(`/post/${first.id}`)).body;
    expect(page).toContain(`<a href="/post/${first.id}/reposts">2 reposts</a>`);
    const people = await ann.get(`/post/${first.id}/reposts`);
    expect(people.statusCode).toBe(200);
    expect(people.body).toContain("People who reposted ann&#39;s post");
    expect(people.body).toContain(">bob<");
    expect(people.body.indexOf(">cal<")).toBeGreaterThan(-1);
    expect(people.body.indexOf(">cal<")).toBeLessThan(people.body.indexOf(">bob<"));
    expect((await ann.get(`/post/${first.id}/reposts?before=tampered`)).statusCode).toBe(400);
  });
});

describe("the rules", () => {
  it("reposting twice, or undoing what one has not reposted, is harmless; reposting one's own post tells no one", async () => {
    const first = await post(ann, "Twice");
    await repost(bob, first.id);
    await repost(bob, first.id);
    await repost(cy, first.id, false);
    expect([await countOf(first.id), await rowsOf(first.id)]).toEqual([1, 1]);
    // A repost is no post of the reposter's: their profile's count stays.
    expect((await db.user.findUniqueOrThrow({ where: { usernameKey: "bob" } })).postCount).toBe(await db.post.count({ where: { author: { usernameKey: "bob" }, repostOfId: null } }));
    const before = await db.notification.count({ where: { userId: await idOf("ann") } });
    await repost(ann, first.id);
    expect(await countOf(first.id)).toBe(2);
    expect(await db.notification.count({ where: { userId: await idOf("ann") } })).toBe(before);
  });

  it("a post that is gone, deleted or never was is a 404; a repost itself is no post to repost, like, answer, edit, delete or open", async () => {
    const first = await post(ann, "Soon gone");
    await ann.submit(`/post/${first.id}/delete`, `/post/${first.id}/delete`, {});
    expect((await repost(bob, first.id)).statusCode).toBe(404);
    expect((await repost(bob, 999_999)).statusCode).toBe(404);

    const kept = await post(ann, "Kept");
    await repost(bob, kept.id);
    const row = await db.post.findFirstOrThrow({ where: { repostOfId: kept.id } });
    const csrf = await token(bob);
    for (const path of ["repost", "like", "unrepost", "unlike"]) expect((await bob.post(`/post/${row.id}/${path}`, { _csrf: csrf })).statusCode, path).toBe(404);
    expect((await bob.get(`/post/${row.id}`)).statusCode).toBe(404);
    expect((await bob.get(`/post/${row.id}/edit`)).statusCode).toBe(404);
    expect((await bob.post(`/post/${row.id}/delete`, { _csrf: csrf })).statusCode).toBe(404);
    expect((await bob.post(`/post/${row.id}/replies`, { _csrf: csrf, body: "An answer" })).statusCode).toBe(410);
    expect(await db.post.count({ where: { replyToId: row.id } })).toBe(0);
    expect(await db.post.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ body: "", likeCount: 0, repostCount: 0 });
  });

  it("an unconfirmed address gets a 403 and writes nothing", async () => {
    const first = await post(ann, "Not yet");
    const fresh = await loggedInVisitor(app, "fresh");
    await db.user.update({ where: { usernameKey: "fresh" }, data: { emailVerifiedAt: null } });
    const refused = await repost(fresh, first.id);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain("Confirm your email address before you repost posts");
    expect(await rowsOf(first.id)).toBe(0);
  });

  it("answers the script with whether it is reposted and the count", async () => {
    const first = await post(ann, "By script");
    const csrf = await token(bob);
    expect((await asScript(bob, `/post/${first.id}/repost`, csrf)).json()).toEqual({ on: true, count: 1 });
    expect((await asScript(bob, `/post/${first.id}/unrepost`, csrf)).json()).toEqual({ on: false, count: 0 });
    expect((await asScript(bob, `/post/${first.id}/repost`, "forged")).statusCode).toBe(403);
  });
});

describe("what a repost takes with it", () => {
  it("a deleted post's reposts go with it, also when it stays above its replies", async () => {
    const alone = await post(ann, "Alone");
    const answered = await post(ann, "Answered");
    await bob.submit(`/post/${answered.id}`, `/post/${answered.id}/replies`, { body: "An answer" });
    for (const target of [alone, answered]) {
      await repost(bob, target.id);
      await ann.submit(`/post/${target.id}/delete`, `/post/${target.id}/delete`, {});
      expect(await rowsOf(target.id)).toBe(0);
    }
    expect(listed((await cy.get("/")).body)).not.toContain(answered.id);
  });

  it("a deleted account's reposts leave the counts, and its posts' reposts go", async () => {
    const first = await post(ann, "Reposted by a leaver");
    const leaver = await loggedInVisitor(app, "leaver");
    const theirs = await post(leaver, "The leaver's own");
    await repost(leaver, first.id);
    await repost(bob, theirs.id);
    expect(await countOf(first.id)).toBe(1);
    const settings = await leaver.get("/settings");
    expect((await leaver.post("/settings/delete", { _csrf: csrfTokenIn(settings.body), delete_password: "correct horse" })).statusCode).toBe(303);
    expect([await countOf(first.id), await rowsOf(first.id)]).toEqual([0, 0]);
    expect(await rowsOf(theirs.id)).toBe(0);
  });
});

describe("the notification", () => {
  it("tells the author once per post, naming the newest reposter and how many others; undoing names the one before", async () => {
    const dee = await loggedInVisitor(app, "dee");
    const first = await post(dee, "Pass it on");
    await repost(bob, first.id);
    await repost(cy, first.id);
    const lines = async () => (await db.notification.findMany({ where: { userId: await idOf("dee"), kind: "repost" }, include: { actor: true } })).map((n) => n.actor?.username);
    expect(await lines()).toEqual(["cal"]);
    const page = (await dee.get("/notifications")).body;
    expect(page).toMatch(new RegExp(`>cal</a> and <a href="/post/${first.id}/reposts">1 other</a> reposted your post`));
    await repost(cy, first.id, false);
    expect(await lines()).toEqual(["bob"]);
    await repost(bob, first.id, false);
    expect(await lines()).toEqual([]);
  });
});

describe("counts under concurrency", () => {
  it("32 people reposting and undoing one post in a loop end with the count equal to the reposts", async () => {
    const first = await post(ann, "Passed around");
    const { statuses, endingDone } = await toggleInLoops(app, "passer", first.id, "repost");
    expect(statuses.every((status) => status === 303)).toBe(true);
    const rows = await rowsOf(first.id);
    expect(rows).toBe(endingDone);
    expect(await countOf(first.id)).toBe(rows);
  });
});

describe("the limit", async () => {
  const limited = await testApp({ RATE_LIMIT_LIKES: "3/10" });
  it("is the one likes count against: past it, a 429 that says so, and nothing written", async () => {
    const writer = await loggedInVisitor(limited.app, "writer");
    await writer.submit("/", "/posts", { body: "Limited" });
    const other = await loggedInVisitor(limited.app, "other");
    const page = await other.get("/explore");
    const id = /formaction="\/post\/(\d+)\/repost"/.exec(page.body)![1]!;
    const csrf = csrfTokenIn(page.body);
    const statuses = [];
    for (const action of ["like", "repost", "unrepost", "repost"]) statuses.push((await other.post(`/post/${id}/${action}`, { _csrf: csrf })).statusCode);
    expect(statuses).toEqual([303, 303, 303, 429]);
    const { db: limitedDb } = await sideDoor(limited.config);
    expect(await limitedDb.post.count({ where: { repostOfId: Number(id) } })).toBe(0);
  });
});
