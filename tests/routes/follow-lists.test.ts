import { describe, expect, it } from "vitest";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { sideDoor } from "../helpers/posts.js";
import { PAGE_SIZE } from "../../app/domain/page.js";

const { app, config, visitor } = await testApp();
const { db } = await sideDoor(config);
const ann = await loggedInVisitor(app, "ann");
await loggedInVisitor(app, "Bob");
const bob = await db.user.findUniqueOrThrow({ where: { usernameKey: "bob" } });
const annRow = await db.user.findUniqueOrThrow({ where: { usernameKey: "ann" } });
await db.user.update({ where: { id: annRow.id }, data: { aboutMe: "I <3 <b>tags</b> & ampersands" } });

// 30 followers of Bob, one minute apart (fan30 the newest), then ann, the newest of all.
const fans = await Promise.all(
  Array.from({ length: 30 }, (_, i) =>
    db.user.create({ data: { username: `fan${i + 1}`, usernameKey: `fan${i + 1}`, email: `fan${i + 1}@example.com`, passwordHash: "x" } }),
  ),
);
const start = Date.now() - 3_600_000;
await db.follow.createMany({ data: fans.map((fan, i) => ({ followerId: fan.id, followedId: bob.id, createdAt: new Date(start + i * 60_000) })) });
await db.follow.create({ data: { followerId: annRow.id, followedId: bob.id } });
// ann also follows fan27, so fan27's button on Bob's list says Unfollow for her.
await db.follow.create({ data: { followerId: annRow.id, followedId: fans[26]!.id } });
// A page holds ann and the newest fans; the next page the rest, oldest last.
const fansDown = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => `fan${from - i}`);
const firstPageEnd = 30 - (PAGE_SIZE - 2);

const names = (html: string) => [...html.matchAll(/class="person-name user-link" href="[^"]+">([^<]+)</g)].map((m) => m[1]);
const olderLink = (html: string) => /class="pager-older" href="([^"]+)"/.exec(html)?.[1];
const newerLink = (html: string) => /class="pager-newer" href="([^"]+)"/.exec(html)?.[1];

describe("GET /user/:username/followers", () => {
  it("lists followers newest first, a page at a time, with keyset links that stay on the list", async () => {
    const first = await ann.get("/user/bob/followers");
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain("People following Bob");
    expect(names(first.body)).toEqual(["ann", ...fansDown(30, firstPageEnd)]);
    const older = olderLink(first.body)!;
    expect(older).toMatch(/^\/user\/Bob\/followers\?before=\d+-\d+$/);
    expect(newerLink(first.body)).toBeUndefined();
    const second = await ann.get(older);
    expect(names(second.body)).toEqual(fansDown(firstPageEnd - 1, 1));
    expect(olderLink(second.body)).toBeUndefined();
    const back = await ann.get(newerLink(second.body)!);
    expect(names(back.body)).toEqual(names(first.body));
  });

  it("shows each person's avatar, escaped about me and the button the viewer can use", async () => {
    const page = (await ann.get("/user/bob/followers")).body;
    expect(page).toContain(`src="/avatar/v1/${annRow.id}.svg"`);
    expect(page).toContain("I &lt;3 &lt;b&gt;tags&lt;/b&gt; &amp; ampersands");
    expect(page).not.toContain("<b>tags</b>");
    expect(page).toMatch(/action="\/unfollow\/fan27"[\s\S]*?aria-label="Unfollow fan27"/);
    expect(page).toMatch(/action="\/follow\/fan30"[\s\S]*?aria-label="Follow fan30"/);
    // No button for oneself.
    expect(page).not.toContain('action="/follow/ann"');
    expect(page).toMatch(/name="next" value="\/user\/bob\/followers"/);
  });

  it("says so when no one follows the user", async () => {
    const page = await ann.get("/user/fan1/followers");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("No one follows fan1 yet.");
  });
});

describe("GET /user/:username/following", () => {
  it("lists whom the user follows, newest first", async () => {
    const page = await ann.get("/user/ANN/following");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("People ann follows");
    expect(names(page.body)).toEqual(["fan27", "Bob"]);
    expect(page.body).toContain('href="/user/ann/following" aria-current="page"');
  });

  it("says so when the user follows no one", async () => {
    expect((await ann.get("/user/bob/following")).body).toContain("Bob does not follow anyone yet.");
  });
});

describe("follow lists: bad input", () => {
  it("answers an unknown user with 404, a tampered cursor with 400, a visitor with the login page", async () => {
    expect((await ann.get("/user/nobody/followers")).statusCode).toBe(404);
    expect((await ann.get("/user/bob/following?before=zz")).statusCode).toBe(400);
    expect((await ann.get("/user/bob/followers?before=1-1&after=1-1")).statusCode).toBe(400);
    const stranger = await visitor().get("/user/bob/followers");
    expect(stranger.statusCode).toBe(303);
    expect(stranger.headers.location).toBe("/login?next=%2Fuser%2Fbob%2Ffollowers");
  });

  it("counts on the profile link to the lists", async () => {
    const profile = (await ann.get("/user/bob")).body;
    expect(profile).toContain('<a href="/user/Bob/followers"><strong>31</strong> followers</a>');
    expect(profile).toContain('<a href="/user/Bob/following"><strong>0</strong> following</a>');
  });
});
