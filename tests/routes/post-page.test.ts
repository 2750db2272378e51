// A post's own page: the address to share it by, linked from its time wherever posts are listed.
import { describe, expect, it } from "vitest";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { sideDoor } from "../helpers/posts.js";
import { csrfTokenIn } from "../helpers/visitor.js";

const { app, config, visitor } = await testApp();
const { db } = await sideDoor(config);
const author = await loggedInVisitor(app, "author");
const reader = await loggedInVisitor(app, "reader");

const home = await author.get("/");
await author.post("/posts", { _csrf: csrfTokenIn(home.body), body: "Worth a page of its own: https://jot.example/x <b>bold</b>" });
const post = await db.post.findFirstOrThrow({ where: { author: { username: "author" } } });

describe("GET /post/:id", () => {
  it("shows the post with its author, its time and its links, and leads to the author's other posts", async () => {
    const page = await reader.get(`/post/${post.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("<title>author&#39;s post · Jot</title>");
    expect(page.body).toContain('<a class="user-link" href="/user/author">author</a>');
    expect(page.body).toContain(`<time datetime="${post.createdAt.toISOString()}">`);
    expect(page.body).toContain('<a href="https://jot.example/x" rel="nofollow ugc noopener noreferrer">https://jot.example/x</a> &lt;b&gt;bold&lt;/b&gt;');
    expect(page.body).toContain('<a href="/user/author">More from author</a>');
  });

  it("is linked from the post's time on home, explore and the profile; a message's time links nowhere", async () => {
    for (const path of ["/", "/explore", "/user/author"]) {
      expect((await author.get(path)).body, path).toContain(`<a class="post-time" href="/post/${post.id}"><time`);
    }
    const form = await author.get("/explore");
    await author.post("/send_message/reader", { _csrf: csrfTokenIn(form.body), message: "Hello" });
    const conversation = (await reader.get("/messages/author")).body;
    expect(conversation).toContain("Hello");
    expect(conversation).not.toContain('class="post-time"');
  });

  it("needs a login, and brings the visitor back to the post", async () => {
    const page = await visitor().get(`/post/${post.id}`);
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe(`/login?next=${encodeURIComponent(`/post/${post.id}`)}`);
  });

  it.each(["0", "999999999", "abc", "-1", "1.5", "0x10", "1e3", "%20" + "1", "2147483648", "99999999999999999999", "١"])("answers /post/%s with the 404 page", async (id) => {
    const page = await reader.get(`/post/${id}`);
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain("<html");
  });
});

describe("deleting a post", () => {
  async function ownPost(body: string) {
    const page = await author.get("/");
    await author.post("/posts", { _csrf: csrfTokenIn(page.body), body });
    return db.post.findFirstOrThrow({ where: { body } });
  }
  const postCount = async () => (await db.user.findUniqueOrThrow({ where: { usernameKey: "author" } })).postCount;

  it("is offered on one's own post's page only, and asks first on a page that works without script", async () => {
    const mine = await ownPost("A typo in ths one");
    expect((await author.get(`/post/${mine.id}`)).body).toContain(`<a href="/post/${mine.id}/delete">Delete this post</a>`);
    expect((await reader.get(`/post/${mine.id}`)).body).not.toContain("/delete");
    const ask = await author.get(`/post/${mine.id}/delete`);
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain("<h1>Delete this post?</h1>");
    expect(ask.body).toContain("A typo in ths one");
    expect(ask.body).toContain(`<form method="post" action="/post/${mine.id}/delete"`);
    expect(ask.body).toContain(`<a href="/post/${mine.id}">Keep it</a>`);
  });

  it("deletes it, uncounts it on the profile, and says so there", async () => {
    const mine = await ownPost("Gone soon");
    const before = await postCount();
    const ask = await author.get(`/post/${mine.id}/delete`);
    const done = await author.post(`/post/${mine.id}/delete`, { _csrf: csrfTokenIn(ask.body) });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe("/user/author");
    const profile = await author.get("/user/author");
    expect(profile.body).toContain("Your post was deleted.");
    expect(profile.body).not.toContain("Gone soon");
    expect(await postCount()).toBe(before - 1);
    expect((await author.get(`/post/${mine.id}`)).statusCode).toBe(404);
  });

  it("refuses someone else's post with a 403 and deletes nothing, and an unknown one with a 404", async () => {
    const mine = await ownPost("Not yours to delete");
    const page = await reader.get("/");
    expect((await reader.get(`/post/${mine.id}/delete`)).statusCode).toBe(403);
    expect((await reader.post(`/post/${mine.id}/delete`, { _csrf: csrfTokenIn(page.body) })).statusCode).toBe(403);
    expect(await db.post.count({ where: { id: mine.id } })).toBe(1);
    for (const id of ["999999999", "abc", "-1"]) {
      expect((await reader.get(`/post/${id}/delete`)).statusCode).toBe(404);
      expect((await reader.post(`/post/${id}/delete`, { _csrf: csrfTokenIn(page.body) })).statusCode).toBe(404);
    }
  });

  it("of 12 deletions of one post sent at once, one deletes and uncounts it, the others find it gone", async () => {
    const mine = await ownPost("Deleted by a double click");
    const before = await postCount();
    const token = csrfTokenIn((await author.get(`/post/${mine.id}/delete`)).body);
    const statuses = await Promise.all(Array.from({ length: 12 }, () => author.post(`/post/${mine.id}/delete`, { _csrf: token }).then((r) => r.statusCode)));
    expect(statuses.filter((s) => s === 303)).toHaveLength(1);
    expect(statuses.filter((s) => s === 404)).toHaveLength(11);
    expect(await postCount()).toBe(before - 1);
    expect(await postCount()).toBe(await db.post.count({ where: { author: { usernameKey: "author" } } }));
  });
});
