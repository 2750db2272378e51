import { describe, expect, it } from "vitest";
import { RECENT_USER_MS, RecentUsers } from "../../../app/services/recent-users.js";
import { services } from "./fixtures.js";

const { db, queries, users } = await services();
const reads = () => queries.filter((sql) => /FROM "User" WHERE/.test(sql)).length;

describe("RecentUsers", () => {
  it("reads a user at most once a minute for pages, always for writes, and forgets a deleted account", async () => {
    const user = await users.add({ username: "recent", email: "recent@example.com", passwordHash: "x" });
    const recentUsers = new RecentUsers(users);
    const t0 = Date.UTC(2026, 10, 29, 12);
    queries.length = 0;
    expect(await recentUsers.recent(user.id, t0)).toEqual({ id: user.id, username: "recent" });
    await db.user.update({ where: { id: user.id }, data: { username: "Renamed", usernameKey: "renamed" } });
    expect(await recentUsers.recent(user.id, t0 + RECENT_USER_MS - 1)).toEqual({ id: user.id, username: "recent" });
    expect(reads()).toBe(1);
    expect(await recentUsers.recent(user.id, t0 + RECENT_USER_MS)).toEqual({ id: user.id, username: "Renamed" });
    expect(reads()).toBe(2);

    await db.user.delete({ where: { id: user.id } });
    expect(await recentUsers.fresh(user.id, t0 + RECENT_USER_MS + 1)).toBeNull();
    expect(await recentUsers.recent(user.id, t0 + RECENT_USER_MS + 2)).toBeNull();
    expect(reads()).toBe(3);
  });

  it("takes what this process wrote as read", async () => {
    const recentUsers = new RecentUsers(users);
    recentUsers.remember(4242, { id: 4242, username: "written" }, 1_000);
    queries.length = 0;
    expect(await recentUsers.recent(4242, 1_500)).toEqual({ id: 4242, username: "written" });
    expect(reads()).toBe(0);
  });
});
