import { describe, expect, it } from "vitest";
import { MessageRepository } from "../../../app/repositories/message-repository.js";
import { RECENT_USER_MS, RecentUsers } from "../../../app/services/accounts/recent-users.js";
import { services } from "./fixtures.js";

const { db, queries, users } = await services();
const reads = () => queries.filter((sql) => /AS "unread"/.test(sql)).length;

describe("RecentUsers", () => {
  it("reads a user at most once a minute for pages, always for writes, and forgets a deleted account", async () => {
    const user = await users.add({ username: "recent", email: "recent@example.com", passwordHash: "x" });
    const recentUsers = new RecentUsers(users);
    const t0 = Date.UTC(2026, 10, 29, 12);
    queries.length = 0;
    expect(await recentUsers.recent(user.id, t0)).toEqual({ id: user.id, username: "recent", email: "recent@example.com", emailVerified: false, unreadMessages: 0, unreadNotifications: 0, notificationSeq: 0, sessionVersion: 0 });
    await db.user.update({ where: { id: user.id }, data: { username: "Renamed", usernameKey: "renamed" } });
    expect(await recentUsers.recent(user.id, t0 + RECENT_USER_MS - 1)).toEqual({ id: user.id, username: "recent", email: "recent@example.com", emailVerified: false, unreadMessages: 0, unreadNotifications: 0, notificationSeq: 0, sessionVersion: 0 });
    expect(reads()).toBe(1);
    expect(await recentUsers.recent(user.id, t0 + RECENT_USER_MS)).toEqual({ id: user.id, username: "Renamed", email: "recent@example.com", emailVerified: false, unreadMessages: 0, unreadNotifications: 0, notificationSeq: 0, sessionVersion: 0 });
    expect(reads()).toBe(2);

    await db.user.delete({ where: { id: user.id } });
    expect(await recentUsers.fresh(user.id, t0 + RECENT_USER_MS + 1)).toBeNull();
    expect(await recentUsers.recent(user.id, t0 + RECENT_USER_MS + 2)).toBeNull();
    expect(reads()).toBe(3);
  });

  it("reads a user again at once after forgetting them, with their unread messages", async () => {
    const [from, to] = await Promise.all(["sender1", "reader1"].map((name) => users.add({ username: name, email: `${name}@example.com`, passwordHash: "x" })));
    const recentUsers = new RecentUsers(users);
    expect(await recentUsers.recent(to!.id, 1_000)).toEqual({ id: to!.id, username: "reader1", email: "reader1@example.com", emailVerified: false, unreadMessages: 0, unreadNotifications: 0, notificationSeq: 0, sessionVersion: 0 });
    await new MessageRepository(db).add({ senderId: from!.id, recipientId: to!.id, body: "hi" });
    expect((await recentUsers.recent(to!.id, 1_500))?.unreadMessages).toBe(0);
    recentUsers.forget(to!.id);
    queries.length = 0;
    expect((await recentUsers.recent(to!.id, 1_600))?.unreadMessages).toBe(1);
    expect(reads()).toBe(1);
  });
});
