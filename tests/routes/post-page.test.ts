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
    expect(page.body).toContain('<a class="post-author user-link" href="/user/author">author</a>');
    expect(page.body).toContain(`<time datetime="${post.createdAt.toISOString()}">`);
    expect(page.body).toContain('<a href="https://jot.example/x" rel="nofollow ugc noopener noreferrer">https://jot.example/x</a> &lt;b&gt;bold&lt;/b&gt;');
    expect(page.body).toContain('<a href="/user/author">More from author</a>');
  });

  it("is linked from the post's time on home, explore and the profile; a message's time links nowhere", async () => {
    for (const path of ["/", "/explore", "/user/author"]) {
      expect((await author.get(path)).body, path).toContain(`<a class="post-time" href="/post/${post.id}"><time`);
    }
    const form = await author.get("/send_message/reader");
    await author.post("/send_message/reader", { _csrf: csrfTokenIn(form.body), message: "Hello" });
    const inbox = (await reader.get("/messages")).body;
    expect(inbox).toContain("Hello");
    expect(inbox).not.toContain('class="post-time"');
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
