import { beforeEach, describe, expect, it } from "vitest";
import { PAGE_SIZE } from "../../app/domain/page.js";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { sideDoor } from "../helpers/posts.js";
import { csrfTokenIn, type Visitor } from "../helpers/visitor.js";

const { app, config, visitor } = await testApp();
const { db, addPosts } = await sideDoor(config);
const poster = await loggedInVisitor(app, "poster");

async function post(v: Visitor, body: string) {
  const home = await v.get("/");
  return v.post("/posts", { _csrf: csrfTokenIn(home.body), body });
}

const postCount = () => db.post.count();
const postsIn = (html: string) => html.match(/<li class="post"[ >]/g)?.length ?? 0;

describe("login required", () => {
  it.each(["/", "/user/poster", "/?before=1-1"])("sends a visitor from %s to /login?next=", async (url) => {
    const res = await visitor().get(url);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(url)}`);
  });

  it("does not publish for a visitor", async () => {
    const v = visitor();
    const token = csrfTokenIn((await v.get("/login")).body);
    const res = await v.post("/posts", { _csrf: token, body: "anonymous" });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/login");
    expect(await postCount()).toBe(0);
  });
});

describe("POST /posts", () => {
  beforeEach(() => db.post.deleteMany());

  it("publishes, flashes and redirects home, where the post shows with its time", async () => {
    const res = await post(poster, "My first post");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/");
    const home = await poster.get("/");
    expect(home.body).toContain("Your post is now live!");
    expect(home.body).toContain('<p class="post-body">My first post</p>');
    expect(home.body).toMatch(/<a class="user-link" href="\/user\/poster">poster<\/a>/);
    expect(home.body).toMatch(/<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z">/);
  });

  it.each([
    ["empty", ""],
    ["whitespace only", "   \n\t "],
    ["Hangul fillers only (U+3164, U+115F)", "\u3164\u115f\u3164"],
    ["blank Braille only (U+2800)", "\u2800\u2800\u2800"],
    ["NUL and other controls only", "\u0000\u0001\u001b"],
  ])("refuses an %s post with 422 and writes nothing", async (_, body) => {
    const res = await post(poster, body);
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/id="body-error">Say something first/);
    expect(await postCount()).toBe(0);
  });

  it("accepts exactly 140 characters, emoji counted as one each", async () => {
    expect((await post(poster, "x".repeat(140))).statusCode).toBe(303);
    expect((await post(poster, "🎉".repeat(140))).statusCode).toBe(303);
    expect(await postCount()).toBe(2);
  });

  it("counts a line break as one character, as the browser's counter does", async () => {
    const tenLines = Array.from({ length: 10 }, () => "x".repeat(13)).join("\r\n"); // 130 + 9 breaks
    expect((await post(poster, `${tenLines}z`)).statusCode).toBe(303); // 140 as read, 149 as sent
    const stored = await db.post.findFirstOrThrow();
    expect(stored.body).not.toContain("\r");
  });

  it("does not use up the flash message on a HEAD request", async () => {
    await post(poster, "flash me");
    expect((await poster.head("/")).statusCode).toBe(200);
    expect((await poster.get("/")).body).toContain("Your post is now live!");
  });

  it("refuses 141 characters, keeping the text in the form", async () => {
    const text = `${"🎉".repeat(100)}${"y".repeat(41)}`;
    const res = await post(poster, text);
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/id="body-error">At most 140 characters/);
    expect(res.body).toContain(`>${text}</textarea>`);
    expect(await postCount()).toBe(0);
  });

  it("shows markup as text, escaped everywhere", async () => {
    const xss = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    await post(poster, xss);
    for (const page of [await poster.get("/"), await poster.get("/user/poster")]) {
      expect(page.body).not.toContain("<script>alert");
      expect(page.body).not.toContain("<img src=x");
      expect(page.body).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    }
  });

  it("refuses a missing or wrong CSRF token with 403 and writes nothing", async () => {
    expect((await poster.post("/posts", { body: "no token" })).statusCode).toBe(403);
    const forged = await poster.post("/posts", { _csrf: "not-the-token", body: "forged" });
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain("This form has expired");
    expect(await postCount()).toBe(0);
  });

  it("answers a body over 64 KB with a 413 page", async () => {
    const res = await post(poster, "z".repeat(70 * 1024));
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain("more than Jot accepts");
    expect(await postCount()).toBe(0);
  });
});

describe("timeline pages", () => {
  beforeEach(() => db.post.deleteMany());

  it(`shows exactly ${PAGE_SIZE} posts and no page links when there are ${PAGE_SIZE}`, async () => {
    await addPosts("poster", PAGE_SIZE);
    const home = await poster.get("/");
    expect(postsIn(home.body)).toBe(PAGE_SIZE);
    expect(home.body).not.toContain("Older posts");
    expect(home.body).not.toContain("Newer posts");
  });

  it(`splits ${PAGE_SIZE + 1} posts into ${PAGE_SIZE} + 1 with Older/Newer links that lead back and forth`, async () => {
    await addPosts("poster", PAGE_SIZE + 1);
    const first = await poster.get("/");
    expect(postsIn(first.body)).toBe(PAGE_SIZE);
    expect(first.body).toContain(`poster post ${PAGE_SIZE + 1}<`);
    expect(first.body).not.toContain("Newer posts");
    const older = /class="pager-older" href="([^"]+)"/.exec(first.body)![1]!;
    expect(older).toMatch(/^\/\?before=\d+-\d+$/);

    const second = await poster.get(older);
    expect(postsIn(second.body)).toBe(1);
    expect(second.body).toContain("poster post 1<");
    expect(second.body).not.toContain("Older posts");
    const newer = /class="pager-newer" href="([^"]+)"/.exec(second.body)![1]!;
    expect(newer).toMatch(/^\/\?after=\d+-\d+$/);

    const back = await poster.get(newer);
    expect(postsIn(back.body)).toBe(PAGE_SIZE);
    expect(back.body).toContain(`poster post ${PAGE_SIZE + 1}<`);
    expect(back.body).toContain("poster post 2<");
    expect(back.body).not.toContain("Newer posts");
  });

  it("offers the way back from an empty page reached by a stale link", async () => {
    await addPosts("poster", 3);
    const res = await poster.get("/?before=1000-1");
    expect(res.statusCode).toBe(200);
    expect(postsIn(res.body)).toBe(0);
    expect(res.body).toContain('<a href="/">Back to the newest posts</a>');
  });

  it.each(["/?before=garbage", "/?after=1-0", "/?before=1-1&after=1-1", "/?before=1-1&before=2-2", "/?before=99999999999999999-1", "/?before=999999999999999-1"])(
    "answers a tampered page link %s with a 400 page",
    async (url) => {
      const res = await poster.get(url);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain("That");
      expect(res.body).toContain('class="site-header"');
    },
  );
});
