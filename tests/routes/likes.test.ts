// Likes: the Like / Unlike form under every post (back to the same post on the same page), its
// JSON answer for the script, who likes a post, and the count under concurrency.
import { describe, expect, it } from "vitest";
import { PAGE_SIZE } from "../../app/domain/page.js";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { sideDoor } from "../helpers/posts.js";
import { toggleInLoops } from "../helpers/toggle-race.js";
import { csrfTokenIn, type Visitor } from "../helpers/visitor.js";

const { app, config, visitor } = await testApp();
const { db, publish: post } = await sideDoor(config);
const ann = await loggedInVisitor(app, "ann");
const bob = await loggedInVisitor(app, "bob");


const countOf = async (id: number) => (await db.post.findUniqueOrThrow({ where: { id } })).likeCount;
const rowsOf = (id: number) => db.like.count({ where: { postId: id } });
const token = async (who: Visitor) => csrfTokenIn((await who.get("/")).body);
const asScript = (who: Visitor, path: string, csrf: string) =>
  app.inject({ method: "POST", url: path, headers: { cookie: who.cookieHeader(), accept: "application/json", "content-type": "application/x-www-form-urlencoded" }, payload: `_csrf=${encodeURIComponent(csrf)}` });

describe("liking without script", () => {
  it("likes and brings one back to the same post on the same page; the button then says so and unlikes", async () => {
    const first = await post(ann, "Like me");
    const explore = await bob.get("/explore");
    expect(explore.body).toContain(`<li class="post" id="post-${first.id}">`);
    expect(explore.body).toContain(`<button formaction="/post/${first.id}/like" aria-pressed="false" aria-label="Like ann&#39;s post"></button>`);
    expect(explore.body).toContain('<form class="post-actions-form" method="post"><input type="hidden" name="_csrf"');
    expect(explore.body).toContain('<input type="hidden" name="next" value="/explore"><ol class="posts">');

    const liked = await bob.post(`/post/${first.id}/like`, { _csrf: csrfTokenIn(explore.body), next: "/explore" });
    expect(liked.statusCode).toBe(303);
    expect(liked.headers.location).toBe(`/explore#post-${first.id}`);
    expect(await countOf(first.id)).toBe(1);
    const after = await bob.get("/explore");
    expect(after.body).toContain(`formaction="/post/${first.id}/unlike" aria-pressed="true" aria-label="Like ann&#39;s post, 1 like">1</button>`);
    // Ann sees the count, not Bob's like as her own.
    expect((await ann.get("/explore")).body).toContain(`formaction="/post/${first.id}/like" aria-pressed="false" aria-label="Like ann&#39;s post, 1 like">1</button>`);

    expect((await bob.post(`/post/${first.id}/unlike`, { _csrf: csrfTokenIn(after.body), next: "/explore" })).statusCode).toBe(303);
    expect(await countOf(first.id)).toBe(0);
  });

  it("liking twice, or unliking what one does not like, is harmless", async () => {
    const first = await post(ann, "Twice");
    const csrf = await token(bob);
    for (let i = 0; i < 3; i++) expect((await bob.post(`/post/${first.id}/like`, { _csrf: csrf })).statusCode).toBe(303);
    expect([await countOf(first.id), await rowsOf(first.id)]).toEqual([1, 1]);
    for (let i = 0; i < 3; i++) expect((await bob.post(`/post/${first.id}/unlike`, { _csrf: csrf })).statusCode).toBe(303);
    expect([await countOf(first.id), await rowsOf(first.id)]).toEqual([0, 0]);
  });

  it("goes back only to a same-site page, else to the post's own page", async () => {
    const first = await post(ann, "Where to");
    const csrf = await token(bob);
    for (const next of ["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)"]) {
      const response = await bob.post(`/post/${first.id}/like`, { _csrf: csrf, next });
      expect(response.headers.location, next).toBe(`/post/${first.id}`);
    }
  });

  it("answers a post that is gone, deleted or never was with a 404, writing nothing", async () => {
    const gone = await post(ann, "Gone before the like");
    const kept = await post(ann, "Deleted, replies kept");
    await bob.submit(`/post/${kept.id}`, `/post/${kept.id}/replies`, { body: "A reply that keeps it" });
    for (const target of [gone, kept]) await ann.submit(`/post/${target.id}/delete`, `/post/${target.id}/delete`, {});
    const csrf = await token(bob);
    for (const id of [String(gone.id), String(kept.id), "999999999", "abc", "-1"]) {
      for (const action of ["like", "unlike"]) expect((await bob.post(`/post/${id}/${action}`, { _csrf: csrf })).statusCode, `${action} ${id}`).toBe(404);
      expect((await bob.get(`/post/${id}/likes`)).statusCode).toBe(404);
    }
    expect(await db.like.count({ where: { postId: { in: [gone.id, kept.id] } } })).toBe(0);
  });

  it("is refused until the address is confirmed", async () => {
    const first = await post(ann, "For the confirmed only");
    const fresh = visitor();
    await fresh.register("newbie", undefined, undefined, { confirm: false });
    await fresh.login("newbie");
    const refused = await fresh.post(`/post/${first.id}/like`, { _csrf: await token(fresh) });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain("Confirm your email address before you like posts");
    expect(await countOf(first.id)).toBe(0);
  });
});

describe("liking from the script", () => {
  it("answers with whether it is liked and the count, and the same errors as statuses", async () => {
    const first = await post(ann, "Script me");
    const csrf = await token(bob);
    const liked = await asScript(bob, `/post/${first.id}/like`, csrf);
    expect(liked.statusCode).toBe(200);
    expect(liked.json()).toEqual({ on: true, count: 1 });
    await asScript(ann, `/post/${first.id}/like`, await token(ann));
    expect((await asScript(bob, `/post/${first.id}/unlike`, csrf)).json()).toEqual({ on: false, count: 1 });
    expect((await asScript(bob, "/post/999999999/like", csrf)).statusCode).toBe(404);
    expect((await asScript(bob, `/post/${first.id}/like`, "forged")).statusCode).toBe(403);
  });
});

describe("who likes a post", () => {
  it("lists them newest first, a page at a time, each with a follow button, linked from the post's page as 'N likes'", async () => {
    const first = await post(ann, "Popular");
    const names = Array.from({ length: 30 }, (_, i) => `fan${String(i).padStart(2, "0")}`);
    await db.user.createMany({ data: names.map((n) => ({ username: n, usernameKey: n, email: `${n}@example.com`, passwordHash: "x" })) });
    const fans = await db.user.findMany({ where: { usernameKey: { in: names } }, orderBy: { usernameKey: "asc" } });
    await db.like.createMany({ data: fans.map((fan, i) => ({ userId: fan.id, postId: first.id, createdAt: new Date(Date.now() - (30 - i) * 1000) })) });
    await db.post.update({ where: { id: first.id }, data: { likeCount: 30 } });

    expect((await bob.get(`/post/${first.id}`)).body).toContain(`<a href="/post/${first.id}/likes">30 likes</a>`);
    const page = await bob.get(`/post/${first.id}/likes`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("People who like ann&#39;s post");
    expect(page.body.indexOf(">fan29<")).toBeLessThan(page.body.indexOf(">fan28<"));
    const fan = (i: number) => `>fan${String(i).padStart(2, "0")}<`;
    expect(page.body).toContain(fan(30 - PAGE_SIZE));
    expect(page.body).not.toContain(fan(29 - PAGE_SIZE));
    expect(page.body).toContain('aria-label="Follow fan29"');
    const older = /class="pager-older" href="([^"]+)"/.exec(page.body)![1]!.replaceAll("&amp;", "&");
    const second = await bob.get(older);
    expect(second.body).toContain(fan(29 - PAGE_SIZE));
    expect(second.body).toContain(">fan00<");
    expect(second.body).not.toContain(fan(30 - PAGE_SIZE));
    expect((await bob.get(`/post/${first.id}/likes?before=tampered`)).statusCode).toBe(400);
  });
});

describe("counts", () => {
  it("a deleted post's likes go with it; a deleted account's likes leave the counts", async () => {
    const first = await post(ann, "Liked by a leaver");
    const leaver = await loggedInVisitor(app, "leaver");
    await leaver.post(`/post/${first.id}/like`, { _csrf: await token(leaver) });
    await bob.post(`/post/${first.id}/like`, { _csrf: await token(bob) });
    expect(await countOf(first.id)).toBe(2);
    const settings = await leaver.get("/settings");
    expect((await leaver.post("/settings/delete", { _csrf: csrfTokenIn(settings.body), delete_password: "correct horse" })).statusCode).toBe(303);
    expect([await countOf(first.id), await rowsOf(first.id)]).toEqual([1, 1]);
    await ann.submit(`/post/${first.id}/delete`, `/post/${first.id}/delete`, {});
    expect(await db.like.count({ where: { postId: first.id } })).toBe(0);
  });

  it("32 people liking and unliking one post in a loop end with the count equal to the likes", async () => {
    const first = await post(ann, "Hammered");
    const { statuses, endingDone } = await toggleInLoops(app, "hammer", first.id, "like");
    expect(statuses.every((status) => status === 303)).toBe(true);
    const rows = await rowsOf(first.id);
    expect(rows).toBe(endingDone);
    expect(await countOf(first.id)).toBe(rows);
  });
});

describe("the limit", async () => {
  const limited = await testApp({ RATE_LIMIT_LIKES: "4/10" });
  it("counts likes and unlikes together per user; past it, a 429 that says how long to wait, and nothing written", async () => {
    const writer = await loggedInVisitor(limited.app, "writer");
    await writer.submit("/", "/posts", { body: "Limited" });
    const liker = await loggedInVisitor(limited.app, "liker");
    const page = await liker.get("/explore");
    const id = /formaction="\/post\/(\d+)\/like"/.exec(page.body)![1]!;
    const csrf = csrfTokenIn(page.body);
    const statuses = [];
    for (const action of ["like", "unlike", "like", "unlike", "like"]) statuses.push((await liker.post(`/post/${id}/${action}`, { _csrf: csrf })).statusCode);
    expect(statuses).toEqual([303, 303, 303, 303, 429]);
    const refused = await liker.post(`/post/${id}/like`, { _csrf: csrf });
    expect(refused.body).toContain("You are liking and unliking too fast. Try again in");
    expect(refused.headers["retry-after"]).toMatch(/^\d+$/);
    const { db: limitedDb } = await sideDoor(limited.config);
    expect(await limitedDb.like.count()).toBe(0);
  });
});
