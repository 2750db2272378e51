import { describe, expect, it, vi } from "vitest";
import { RECENT_USER_MS } from "../../app/services/accounts/recent-users.js";
import { SESSION_COOKIE } from "../../app/plugins/session.js";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { sideDoor } from "../helpers/posts.js";
import { csrfTokenIn, Visitor } from "../helpers/visitor.js";

// The session carries the user's id and name, so pages cost no query; writes check both first.
const queries: string[] = [];
const { app, config } = await testApp({}, queries);
const { db } = await sideDoor(config);

async function publish(visitor: Visitor, body: string) {
  const token = csrfTokenIn((await visitor.get("/")).body);
  return visitor.post("/posts", { _csrf: token, body });
}

describe("the logged-in user kept in the session", () => {
  it("takes up a name changed elsewhere at the next write", async () => {
    const visitor = await loggedInVisitor(app, "oldname");
    await db.user.update({ where: { usernameKey: "oldname" }, data: { username: "NewName", usernameKey: "newname" } });
    expect((await publish(visitor, "after the rename")).headers.location).toBe("/");
    const home = await visitor.get("/");
    expect(home.body).toContain("Hi, NewName!");
    expect(home.body).toContain('href="/user/NewName"');
    const post = await db.post.findFirstOrThrow({ where: { body: "after the rename" }, include: { author: true } });
    expect(post.author.username).toBe("NewName");
  });

  it("logs out an account that has gone at its next write, and writes nothing", async () => {
    const visitor = await loggedInVisitor(app, "leaver");
    const token = csrfTokenIn((await visitor.get("/")).body);
    await db.user.delete({ where: { usernameKey: "leaver" } });
    const res = await visitor.post("/posts", { _csrf: token, body: "from beyond" });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/login");
    expect(await db.post.count({ where: { body: "from beyond" } })).toBe(0);
    const home = await visitor.get("/");
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe("/login?next=%2F");
  });

  it("reads who a session is (it carries only the id) once, then remembers it for the next pages", async () => {
    await loggedInVisitor(app, "veteran");
    const user = await db.user.findUniqueOrThrow({ where: { usernameKey: "veteran" } });
    const visitor = new Visitor(app);
    const before = app.createSecureSession({ userId: user.id, remember: false, expiresAt: Date.now() + 60_000 });
    visitor.cookies.set(SESSION_COOKIE, app.encodeSecureSession(before));

    queries.length = 0;
    expect((await visitor.get("/")).body).toContain("Hi, veteran!");
    expect(queries.filter((sql) => /AS "unread"/.test(sql))).toHaveLength(1);
    queries.length = 0;
    expect((await visitor.get("/")).body).toContain("Hi, veteran!");
    expect(queries.filter((sql) => /AS "unread"/.test(sql))).toHaveLength(0);
  });

  it("shows a rename on the user's other devices at once when made through this process", async () => {
    const laptop = await loggedInVisitor(app, "twodevices");
    const phone = new Visitor(app);
    await phone.login("twodevices");
    expect((await phone.get("/")).body).toContain("Hi, twodevices!");
    const renamed = await laptop.submit("/edit_profile", "/edit_profile", { username: "moved", about_me: "" });
    expect(renamed.headers.location).toBe("/user/moved");
    const page = (await phone.get("/")).body;
    expect(page).toContain("Hi, moved!");
    expect(page).toContain('href="/user/moved">Your profile</a>');
  });

  it("shows a rename made through another process within a minute, reading the user once a minute", async () => {
    const visitor = await loggedInVisitor(app, "elsewhere");
    expect((await visitor.get("/")).body).toContain("Hi, elsewhere!");
    await db.user.update({ where: { usernameKey: "elsewhere" }, data: { username: "Away", usernameKey: "away" } });
    queries.length = 0;
    // Within the minute this process trusts what it read...
    expect((await visitor.get("/")).body).toContain("Hi, elsewhere!");
    expect(queries.filter((sql) => /AS "unread"/.test(sql))).toHaveLength(0);
    // ...and after it, the next page reads the user again.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + RECENT_USER_MS + 1_000 });
    try {
      expect((await visitor.get("/")).body).toContain("Hi, Away!");
      expect(queries.filter((sql) => /AS "unread"/.test(sql))).toHaveLength(1);
      expect((await visitor.get("/")).body).toContain("Hi, Away!");
      expect(queries.filter((sql) => /AS "unread"/.test(sql))).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("logs out a deleted account's other sessions within a minute, on pages too", async () => {
    const visitor = await loggedInVisitor(app, "vanisher");
    expect((await visitor.get("/")).statusCode).toBe(200);
    await db.user.delete({ where: { usernameKey: "vanisher" } });
    expect((await visitor.get("/")).statusCode).toBe(200);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + RECENT_USER_MS + 1_000 });
    try {
      const page = await visitor.get("/");
      expect(page.statusCode).toBe(303);
      expect(page.headers.location).toBe("/login?next=%2F");
    } finally {
      vi.useRealTimers();
    }
  });
});
