import { describe, expect, it } from "vitest";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { sideDoor } from "../helpers/posts.js";

const queries: string[] = [];
const { app, config } = await testApp({}, queries);
const { db } = await sideDoor(config);
const writes = () => queries.filter((sql) => /^\s*UPDATE "User" SET "lastSeen"/.test(sql));

describe("last seen", () => {
  it("is recorded by a logged-in page, once a minute at most, and shown on the profile", async () => {
    const before = Date.now();
    const visitor = await loggedInVisitor(app, "seen");
    expect((await db.user.findUniqueOrThrow({ where: { usernameKey: "seen" } })).lastSeen).toBeNull();

    queries.length = 0;
    await visitor.get("/");
    expect(writes()).toHaveLength(1);
    const { lastSeen } = await db.user.findUniqueOrThrow({ where: { usernameKey: "seen" } });
    expect(lastSeen!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(lastSeen!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);

    queries.length = 0;
    for (const url of ["/", "/explore", "/user/seen"]) await visitor.get(url);
    expect(writes()).toEqual([]);

    const profile = await visitor.get("/user/seen");
    expect(profile.body).toContain(`Last seen <time datetime="${lastSeen!.toISOString()}">`);
  });

  it("is not shown for someone never seen since it was kept", async () => {
    const viewer = await loggedInVisitor(app, "viewer");
    await db.user.create({ data: { username: "ghost", usernameKey: "ghost", email: "ghost@example.com", passwordHash: "x" } });
    const profile = await viewer.get("/user/ghost");
    expect(profile.statusCode).toBe(200);
    expect(profile.body).not.toContain("Last seen");
  });

  it("is not recorded for a visitor", async () => {
    queries.length = 0;
    await app.inject({ method: "GET", url: "/login" });
    expect(writes()).toEqual([]);
  });
});
