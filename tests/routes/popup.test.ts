import { describe, expect, it } from "vitest";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { sideDoor } from "../helpers/posts.js";

const { app, config, visitor } = await testApp();
const { db } = await sideDoor(config);
const ann = await loggedInVisitor(app, "ann");
await loggedInVisitor(app, "b.o-b_1");
await db.user.update({ where: { usernameKey: "b.o-b_1" }, data: { aboutMe: `<img src=x onerror="alert(1)"> & "quotes"` } });

describe("GET /user/:username/popup", () => {
  it("is a fragment: avatar, name, escaped about me, counts and a Follow button", async () => {
    const res = await ann.get("/user/b.o-b_1/popup");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.body).not.toContain("<html");
    expect(res.body).not.toContain("site-header");
    expect(res.body).toMatch(/^<div class="popup-card">/);
    expect(res.body).toMatch(/<img class="avatar avatar--large" src="\/avatar\/v1\/\d+\.svg"/);
    expect(res.body).toContain('<a class="profile-name" href="/user/b.o-b_1">b.o-b_1</a>');
    expect(res.body).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &quot;quotes&quot;");
    expect(res.body).not.toContain("<img src=x");
    expect(res.body).toContain('<a href="/user/b.o-b_1/followers"><strong>0</strong> followers</a>');
    expect(res.body).toMatch(/action="\/follow\/b.o-b_1"[\s\S]*name="_csrf" value="[^"]+"[\s\S]*>Follow<\/button>/);
  });

  it("shows Unfollow once followed, and Edit profile on one's own card", async () => {
    await ann.submit("/user/b.o-b_1", "/follow/b.o-b_1", {});
    expect((await ann.get("/user/B.O-B_1/popup")).body).toContain(">Unfollow</button>");
    const own = (await ann.get("/user/ann/popup")).body;
    expect(own).toContain('href="/edit_profile">Edit profile</a>');
    expect(own).not.toContain("/follow/");
  });

  it("works with a URL-encoded name and answers an unknown one with 404", async () => {
    expect((await ann.get("/user/b%2Eo-b_1/popup")).statusCode).toBe(200);
    expect((await ann.get("/user/nobody/popup")).statusCode).toBe(404);
    expect((await ann.get("/user/%3Cscript%3E/popup")).statusCode).toBe(404);
    // A name no one can have is a 404 on either database, not a query PostgreSQL refuses (NUL).
    for (const path of ["/user/a%00b/popup", "/user/%00/followers", "/user/%00/following", "/user/%00"]) {
      expect((await ann.get(path)).statusCode, path).toBe(404);
    }
  });

  // The tutorial's popover, opened by a logged-out visitor, fetched the login page into the card.
  it("gives a visitor a short 401 fragment pointing to login, not the login page", async () => {
    const res = await visitor().get("/user/ann/popup");
    expect(res.statusCode).toBe(401);
    expect(res.body).not.toContain("<html");
    expect(res.body).not.toContain("<form");
    expect(res.body).toContain('<a href="/login">Sign in</a> to see who this is.');
  });
});
