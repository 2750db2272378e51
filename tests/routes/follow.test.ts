import { beforeEach, describe, expect, it } from "vitest";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { sideDoor } from "../helpers/posts.js";
import { csrfTokenIn, type Visitor } from "../helpers/visitor.js";

const { app, config, visitor } = await testApp();
const { db } = await sideDoor(config);
const ann = await loggedInVisitor(app, "ann");
const bob = await loggedInVisitor(app, "Bob");

/** Submits the follow button on `username`'s profile (as a browser would), or posts `action` directly. */
async function press(v: Visitor, username: string) {
  const page = await v.get(`/user/${username}`);
  const form = /<form method="post" action="([^"]+)"[^>]*>\s*<input type="hidden" name="_csrf" value="([^"]+)">\s*<input type="hidden" name="next" value="([^"]+)">/.exec(page.body);
  if (!form) throw new Error(`no follow button on ${username}'s profile`);
  return v.post(form[1]!, { _csrf: form[2]!, next: form[3]!.replaceAll("&amp;", "&") });
}

async function send(v: Visitor, action: string, fields: Record<string, string> = {}) {
  const token = csrfTokenIn((await v.get("/")).body);
  return v.post(action, { _csrf: token, ...fields });
}

const follows = () => db.follow.findMany({ select: { follower: { select: { username: true } }, followed: { select: { username: true } } } });
const counts = (html: string) =>
  [...html.matchAll(/<li>(?:<a href="[^"]+">)?<strong>(\d+)<\/strong> ([a-z]+)(?:<\/a>)?<\/li>/g)].map((m) => `${m[1]} ${m[2]}`);

describe("following", () => {
  beforeEach(() => db.follow.deleteMany());

  it("follows from the profile, comes back to it, and the profile says so", async () => {
    const res = await press(ann, "Bob");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/user/Bob");
    const profile = await ann.get("/user/Bob");
    expect(profile.body).toContain("You are following Bob.");
    expect(counts(profile.body)).toEqual(["0 posts", "1 follower", "0 following"]);
    expect(profile.body).toMatch(/action="\/unfollow\/Bob"[\s\S]*>Unfollow<\/button>/);
    expect(await follows()).toEqual([{ follower: { username: "ann" }, followed: { username: "Bob" } }]);
    expect(counts((await bob.get("/user/ann")).body)).toEqual(["0 posts", "0 followers", "1 following"]);
  });

  it("unfollows from the profile", async () => {
    await press(ann, "bob");
    const res = await press(ann, "bob");
    expect(res.headers.location).toBe("/user/bob");
    const profile = await ann.get("/user/Bob");
    expect(profile.body).toContain("You are not following Bob.");
    expect(profile.body).toMatch(/action="\/follow\/Bob"[\s\S]*>Follow<\/button>/);
    expect(await follows()).toEqual([]);
  });

  it("treats following twice and unfollowing a stranger as harmless", async () => {
    expect((await send(ann, "/follow/bob")).statusCode).toBe(303);
    expect((await send(ann, "/follow/BOB")).statusCode).toBe(303);
    expect(await follows()).toHaveLength(1);
    expect((await send(bob, "/unfollow/ann")).statusCode).toBe(303);
    expect(await follows()).toHaveLength(1);
  });

  it("refuses to follow oneself with a message, writing nothing, and shows no button on one's own profile", async () => {
    const res = await send(ann, "/follow/ANN", { next: "/user/ann" });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/user/ann");
    const own = await ann.get("/user/ann");
    expect(own.body).toContain("You cannot follow yourself.");
    expect(own.body).not.toMatch(/action="\/(un)?follow\//);
    expect(await follows()).toEqual([]);
  });

  it("answers an unknown user with the 404 page", async () => {
    for (const action of ["/follow/nobody", "/unfollow/nobody"]) {
      const res = await send(ann, action);
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain("There is nothing here");
    }
  });

  it("goes back only to a same-site path", async () => {
    expect((await send(ann, "/follow/bob", { next: "/?before=1-1" })).headers.location).toBe("/?before=1-1");
    for (const next of ["//evil.example/", "https://evil.example/", "/\\evil.example"]) {
      expect((await send(ann, "/unfollow/bob", { next })).headers.location).toBe("/user/Bob");
    }
  });

  it("needs a login and the form's token, and writes nothing without them", async () => {
    const stranger = visitor();
    const token = csrfTokenIn((await stranger.get("/login")).body);
    const res = await stranger.post("/follow/bob", { _csrf: token });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/login");
    expect((await ann.post("/follow/bob", {})).statusCode).toBe(403);
    expect((await ann.post("/follow/bob", { _csrf: "forged" })).statusCode).toBe(403);
    expect(await follows()).toEqual([]);
  });

  it("counts the posts published since, as the profile shows them", async () => {
    for (const body of ["one", "two"]) await bob.post("/posts", { _csrf: csrfTokenIn((await bob.get("/")).body), body });
    expect(counts((await ann.get("/user/bob")).body)[0]).toBe("2 posts");
    expect(counts((await ann.get("/user/ann")).body)[0]).toBe("0 posts");
  });

  it("is only a form: GET on the action is not found", async () => {
    expect((await ann.get("/follow/bob")).statusCode).toBe(404);
  });
});
