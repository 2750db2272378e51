import { beforeAll, describe, expect, it } from "vitest";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { sideDoor } from "../helpers/posts.js";
import { csrfTokenIn, type Visitor } from "../helpers/visitor.js";

const { app, config, visitor } = await testApp();
const { addPosts } = await sideDoor(config);
let ann: Visitor;

const follow = async (v: Visitor, action: string) => v.post(action, { _csrf: csrfTokenIn((await v.get("/")).body) });
const authorsIn = (html: string) => [...new Set([...html.matchAll(/class="user-link" href="[^"]+">([^<]+)</g)].map((m) => m[1]))].sort();
const current = (html: string) => [...html.matchAll(/<a (?:class="[^"]+" )?href="([^"]+)" aria-current="page">/g)].map((m) => m[1]);

beforeAll(async () => {
  ann = await loggedInVisitor(app, "ann");
  await loggedInVisitor(app, "bob");
  await loggedInVisitor(app, "carl");
  await addPosts("ann", 2);
  await addPosts("bob", 2);
  await addPosts("carl", 30);
});

describe("home: the followed feed", () => {
  it("shows one's own posts and those of the people one follows, no one else's", async () => {
    expect(authorsIn((await ann.get("/")).body)).toEqual(["ann"]);
    await follow(ann, "/follow/bob");
    expect(authorsIn((await ann.get("/")).body)).toEqual(["ann", "bob"]);
    await follow(ann, "/unfollow/bob");
    expect(authorsIn((await ann.get("/")).body)).toEqual(["ann"]);
  });

  it("greets someone with an empty feed with people to follow and the way to Explore", async () => {
    const dee = await loggedInVisitor(app, "dee");
    const home = await dee.get("/");
    expect(home.body).toContain("Your feed is empty");
    expect(home.body).toContain('<a href="/explore">find people to follow on Explore</a>');
    // Who posted lately, in the feed's place (not beside it as well), each with a Follow button.
    const empty = home.body.slice(home.body.indexOf('class="empty-state"'));
    expect(empty).toMatch(/<h2 id="empty-heading">Who to follow<\/h2>/);
    expect(empty).toContain('aria-label="Follow ann"');
    expect(home.body).not.toContain('<aside class="side"');
    expect(home.body).not.toContain('class="pager');
  });
});

describe("explore", () => {
  it("shows everyone's posts, newest first, in pages that stay on /explore", async () => {
    const page = await ann.get("/explore");
    expect(page.statusCode).toBe(200);
    expect(authorsIn(page.body)).toEqual(["ann", "bob", "carl"]);
    expect(page.body).toContain("carl post 30");
    const older = /class="pager-older" href="([^"]+)"/.exec(page.body)![1]!;
    expect(older).toMatch(/^\/explore\?before=\d+-\d+$/);
    const second = await ann.get(older);
    expect(authorsIn(second.body)).toEqual(["carl"]);
    expect(second.body).toContain("carl post 1<");
  });

  it("needs a login", async () => {
    const res = await visitor().get("/explore");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/login?next=%2Fexplore");
  });
});

describe("the nav", () => {
  it("marks the page one is on", async () => {
    expect(current((await ann.get("/")).body)).toEqual(["/"]);
    expect(current((await ann.get("/explore")).body)).toEqual(["/explore"]);
    // On a profile the "Posts" tab is marked too; on one's own, so is the bar's profile link.
    expect(current((await ann.get("/user/ann")).body)).toEqual(["/user/ann", "/user/ann"]);
    expect(current((await ann.get("/user/bob")).body)).toEqual(["/user/bob"]);
    expect(current((await ann.get("/user/bob/with_replies")).body)).toEqual(["/user/bob/with_replies"]);
    expect((await ann.get("/")).body).toMatch(/<a class="tab nav-explore" href="\/explore"><span class="nav-label">Explore<\/span><\/a>/);
  });
});
