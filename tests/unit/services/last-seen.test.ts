import { describe, expect, it } from "vitest";
import { LastSeen } from "../../../app/services/accounts/last-seen.js";
import { services } from "./fixtures.js";

const { db, queries, users } = await services();
const writes = () => queries.filter((sql) => /UPDATE "User" SET "lastSeen"/.test(sql)).length;

describe("LastSeen", () => {
  it("writes at most once a minute per user and process, and never moves the time back", async () => {
    const user = await users.add({ username: "tick", email: "tick@example.com", passwordHash: "x" });
    const lastSeen = new LastSeen(users);
    const t0 = new Date(Date.UTC(2026, 10, 23, 12, 0, 0));
    queries.length = 0;
    await lastSeen.saw(user.id, t0);
    await lastSeen.saw(user.id, new Date(t0.getTime() + 30_000));
    expect(writes()).toBe(1);
    await lastSeen.saw(user.id, new Date(t0.getTime() + 61_000));
    expect(writes()).toBe(2);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).lastSeen).toEqual(new Date(t0.getTime() + 61_000));

    // Another process wrote a moment ago: this one's write changes nothing.
    const other = new LastSeen(users);
    await other.saw(user.id, new Date(t0.getTime() + 90_000));
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).lastSeen).toEqual(new Date(t0.getTime() + 61_000));
  });
});
