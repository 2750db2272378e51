import { describe, expect, it } from "vitest";
import { RateLimitRepository } from "../../../app/repositories/rate-limit-repository.js";
import { LoginLimits } from "../../../app/services/login-limits.js";
import { RateLimiter } from "../../../app/services/rate-limiter.js";
import { services } from "./fixtures.js";

const { db } = await services();
const PERIOD_MS = 15 * 60_000;
let now = 100 * PERIOD_MS + 60_000;
const limiter = new RateLimiter(new RateLimitRepository(db), () => now);
const limits = new LoginLimits(limiter, { perUsername: { max: 2, periodMs: PERIOD_MS }, perAddress: { max: 100, periodMs: PERIOD_MS } });

describe("LoginLimits", () => {
  it("lets sign-ins through until the limit, then says how long is left of the window, then starts over", async () => {
    expect(await limits.secondsToWait("Alice", "10.0.0.1")).toBe(0);
    await limits.failed("Alice", "10.0.0.1");
    expect(await limits.secondsToWait("alice", "10.0.0.2")).toBe(0);
    await limits.failed(" ALICE ", "10.0.0.2");
    // One minute into the window: fourteen left, from any address, in any case.
    expect(await limits.secondsToWait("alice", "10.0.0.3")).toBe(14 * 60);
    now += 13 * 60_000 + 30_000;
    expect(await limits.secondsToWait("alice", "10.0.0.3")).toBe(30);
    now += 60_000;
    expect(await limits.secondsToWait("alice", "10.0.0.3")).toBe(0);
  });

  it("forgets the counts of ended windows", async () => {
    await limits.failed("bob", "10.0.0.9");
    expect(await db.rateLimit.count({ where: { key: "login:user:alice" } })).toBe(0);
    expect(await db.rateLimit.count({ where: { key: "login:user:bob" } })).toBe(1);
  });
});

describe("RateLimiter", () => {
  it("keeps limits of different lengths side by side, each starting over with its own window", async () => {
    const short = { max: 1, periodMs: 60_000 };
    const long = { max: 2, periodMs: 60 * 60_000 };
    now = 1000 * 60 * 60_000; // on the hour: both windows start here
    expect(await limiter.take({ key: "short", limit: short })).toBe(0);
    expect(await limiter.take({ key: "long", limit: long })).toBe(0);
    expect(await limiter.take({ key: "short", limit: short })).toBe(60);
    expect(await limiter.take({ key: "long", limit: long })).toBe(0);
    expect(await limiter.take({ key: "long", limit: long })).toBe(3600);
    now += 60_000;
    // The short window ended and was forgotten; the long one still counts.
    expect(await limiter.take({ key: "short", limit: short })).toBe(0);
    expect(await limiter.take({ key: "long", limit: long })).toBe(59 * 60);
    expect(await limiter.waitFor([{ key: "short", limit: short }, { key: "long", limit: long }])).toBe(59 * 60);
  });
});
