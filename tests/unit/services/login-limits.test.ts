import { describe, expect, it } from "vitest";
import { RateLimitRepository } from "../../../app/repositories/rate-limit-repository.js";
import { LoginLimits } from "../../../app/services/login-limits.js";
import { services } from "./fixtures.js";

const { db } = await services();
const PERIOD_MS = 15 * 60_000;
let now = 100 * PERIOD_MS + 60_000;
const limits = new LoginLimits(new RateLimitRepository(db), { perUsername: 2, perAddress: 100, periodMs: PERIOD_MS }, () => now);

describe("LoginLimits", () => {
  it("lets sign-ins through until the limit, then says how many minutes are left of the period, then starts over", async () => {
    expect(await limits.minutesToWait("Alice", "10.0.0.1")).toBe(0);
    await limits.failed("Alice", "10.0.0.1");
    expect(await limits.minutesToWait("alice", "10.0.0.2")).toBe(0);
    await limits.failed(" ALICE ", "10.0.0.2");
    // One minute into the period: fourteen left, from any address, in any case.
    expect(await limits.minutesToWait("alice", "10.0.0.3")).toBe(14);
    now += 13 * 60_000 + 30_000;
    expect(await limits.minutesToWait("alice", "10.0.0.3")).toBe(1);
    now += 60_000;
    expect(await limits.minutesToWait("alice", "10.0.0.3")).toBe(0);
  });

  it("forgets the counts of earlier periods once a period", async () => {
    await limits.failed("bob", "10.0.0.9");
    expect(await db.rateLimit.count({ where: { key: "login:user:alice" } })).toBe(0);
    expect(await db.rateLimit.count({ where: { key: "login:user:bob" } })).toBe(1);
  });
});
