import { beforeEach, describe, expect, it } from "vitest";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { sideDoor } from "../helpers/posts.js";
import { csrfTokenIn, type Visitor } from "../helpers/visitor.js";

const { app, config, visitor } = await testApp();
const { db, addPosts } = await sideDoor(config);
const bob = await loggedInVisitor(app, "bob");

/** A fresh user for each test, so renames do not leak between tests. */
let n = 0;
let me: Visitor;
let myName: string;
beforeEach(async () => {
  myName = `user${++n}`;
  me = await loggedInVisitor(app, myName);
});

const edit = (v: Visitor, fields: Record<string, string>) => v.submit("/edit_profile", "/edit_profile", fields);
const fieldError = (html: string, field: string) => new RegExp(`id="${field}-error">([^<]+)<`).exec(html)?.[1];

describe("GET /edit_profile", () => {
  it("shows the form filled with the user's name and about me", async () => {
    await db.user.update({ where: { usernameKey: myName }, data: { aboutMe: "Hello <there>" } });
    const page = await me.get("/edit_profile");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`name="username" type="text"\nvalue="${myName}"`);
    expect(page.body).toContain(">Hello &lt;there&gt;</textarea>");
  });

  it("sends a visitor to log in first", async () => {
    const res = await visitor().get("/edit_profile");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/login?next=%2Fedit_profile");
  });
});

describe("POST /edit_profile", () => {
  it("renames, keeps the user's posts and follows, and answers old links with 404", async () => {
    await addPosts(myName, 2);
    await bob.submit(`/user/${myName}`, `/follow/${myName}`, {});
    const res = await edit(me, { username: "Renamed" + n, about_me: "  New here.\r\nHi!  " });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/user/Renamed${n}`);
    const profile = await me.get(res.headers.location as string);
    expect(profile.body).toContain("Your changes have been saved.");
    expect(profile.body).toContain("New here.\nHi!</p>");
    expect(profile.body).toContain(`${myName} post 2<`);
    expect(profile.body).toContain("<strong>1</strong> follower</a>");
    // The nav knows the new name at once.
    expect(profile.body).toContain(`href="/user/Renamed${n}" aria-current="page">Your profile</a>`);
    expect((await me.get(`/user/${myName}`)).statusCode).toBe(404);
    // And the account still logs in under the new name.
    const again = visitor();
    expect((await again.login(`renamed${n}`)).statusCode).toBe(303);
  });

  it("refuses a name someone else holds, in any case: 422, values kept", async () => {
    const res = await edit(me, { username: "BOB", about_me: "kept" });
    expect(res.statusCode).toBe(422);
    expect(fieldError(res.body, "username")).toBe("That username is taken. Please choose another.");
    expect(res.body).toContain('value="BOB"');
    expect(res.body).toContain(">kept</textarea>");
    expect((await db.user.findUniqueOrThrow({ where: { usernameKey: myName } })).aboutMe).toBe("");
  });

  it("lets a user change the case of their own name", async () => {
    const res = await edit(me, { username: myName.toUpperCase(), about_me: "" });
    expect(res.statusCode).toBe(303);
    expect((await db.user.findUniqueOrThrow({ where: { usernameKey: myName } })).username).toBe(myName.toUpperCase());
  });

  it("applies registration's username rules and counts about me like a post", async () => {
    const bad = await edit(me, { username: "a b", about_me: "é".repeat(141) });
    expect(bad.statusCode).toBe(422);
    expect(fieldError(bad.body, "username")).toBe("Use only letters, digits, underscores, dots and hyphens.");
    expect(fieldError(bad.body, "about_me")).toBe("At most 140 characters.");
    expect((await edit(me, { username: "ab", about_me: "" })).statusCode).toBe(422);
    // 140 emoji are 140 characters, and a CRLF is one.
    expect((await edit(me, { username: myName, about_me: "😀".repeat(139) + "\r\n" + "x" })).statusCode).toBe(422);
    expect((await edit(me, { username: myName, about_me: "😀".repeat(138) + "\r\n" + "x" })).statusCode).toBe(303);
  });

  it("drops control characters (NUL included) from about me, on either database", async () => {
    expect((await edit(me, { username: myName, about_me: "a\u0000b\u0007c\td\r\ne" })).statusCode).toBe(303);
    expect((await db.user.findUniqueOrThrow({ where: { usernameKey: myName } })).aboutMe).toBe("abc\td\ne");
    expect((await edit(me, { username: `${myName}\u0000`, about_me: "" })).statusCode).toBe(422);
  });

  it("keeps an about me of only invisible characters as empty", async () => {
    expect((await edit(me, { username: myName, about_me: "\u200b \u2060\u3164\u2800" })).statusCode).toBe(303);
    expect((await db.user.findUniqueOrThrow({ where: { usernameKey: myName } })).aboutMe).toBe("");
  });

  it("treats a missing or repeated field as blank, never a 500", async () => {
    const page = await me.get("/edit_profile");
    const token = csrfTokenIn(page.body);
    expect((await me.post("/edit_profile", { _csrf: token })).statusCode).toBe(422);
    expect((await me.post("/edit_profile", { _csrf: token, username: [myName, "x"], about_me: "a" })).statusCode).toBe(422);
  });

  it("refuses a form without its CSRF token, writing nothing", async () => {
    const res = await me.post("/edit_profile", { username: "sneaky" + n, about_me: "" });
    expect(res.statusCode).toBe(403);
    expect(await db.user.findUnique({ where: { usernameKey: "sneaky" + n } })).toBeNull();
  });

  // microblog's edit form let two people take one name: the second rename was a 500 (IntegrityError).
  it("gives one of two people racing for a name the 422, never a 500", async () => {
    const other = await loggedInVisitor(app, `rival${n}`);
    const [mine, theirs] = await Promise.all([me, other].map(async (v) => v.get("/edit_profile")));
    const wanted = `prize${n}`;
    const results = await Promise.all([
      me.post("/edit_profile", { _csrf: csrfTokenIn(mine!.body), username: wanted, about_me: "" }),
      other.post("/edit_profile", { _csrf: csrfTokenIn(theirs!.body), username: wanted.toUpperCase(), about_me: "" }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([303, 422]);
    expect(await db.user.count({ where: { usernameKey: wanted } })).toBe(1);
  });
});
