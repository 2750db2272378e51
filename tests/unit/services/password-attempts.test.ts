import { describe, expect, it } from "vitest";
import { BusyError, RefusedError } from "../../../app/domain/errors.js";
import { RateLimitRepository } from "../../../app/repositories/rate-limit-repository.js";
import { PasswordAttempts, type Asker } from "../../../app/services/limits/password-attempts.js";
import { RateLimiter } from "../../../app/services/limits/rate-limiter.js";
import { services } from "./fixtures.js";

const { db } = await services();
const PERIOD_MS = 15 * 60_000;
let now = 100 * PERIOD_MS + 60_000;
const limiter = new RateLimiter(new RateLimitRepository(db), () => now);
const limits = { perUsername: { max: 2, periodMs: PERIOD_MS }, perAddress: { max: 100, periodMs: PERIOD_MS }, perDevice: { max: 3, periodMs: PERIOD_MS } };
const attempts = new PasswordAttempts(limiter, limits);
const refusal = { field: "password", tooMany: "Too many." };
const stranger = (address: string): Asker => ({ address, knownDevice: () => undefined });
/** Account `id`, whose password hash is "hash of <id>". */
const account = (id: number) => ({ userId: id, credential: `hash of ${id}` });
const wrong = async () => false;
const right = async () => true;

/** The seconds a refused attempt was told to wait; fails if it was not refused. */
async function refusedFor(attempt: Promise<unknown>): Promise<number> {
  const error = await attempt.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(RefusedError);
  return (error as RefusedError).retryAfterSeconds!;
}

describe("PasswordAttempts", () => {
  it("lets checks through until the limit, then refuses without checking, saying how long is left of the window", async () => {
    expect(await attempts.check(account(1), stranger("10.0.0.1"), refusal, wrong)).toBe(false);
    now += 60_000;
    expect(await attempts.check(account(1), stranger("10.0.0.2"), refusal, wrong)).toBe(false);
    let checked = false;
    const wait = await refusedFor(attempts.check(account(1), stranger("10.0.0.3"), refusal, async () => (checked = true)));
    expect(checked).toBe(false);
    // The window opened with the first attempt, a minute ago: fourteen minutes left, from any address.
    expect(wait).toBe(14 * 60);
    now += 14 * 60_000 - 1000;
    await refusedFor(attempts.check(account(1), stranger("10.0.0.3"), refusal, right));
    now += 1000;
    expect(await attempts.check(account(1), stranger("10.0.0.3"), refusal, right)).toBe(true);
  });

  it("opens a key's window at its first attempt, so that no moment of the clock lets twice the limit through", async () => {
    // Two wrong passwords a second before a quarter hour, and two more a second after it.
    now = 200 * PERIOD_MS - 1000;
    for (const address of ["10.0.6.1", "10.0.6.2"]) await attempts.check(account(6), stranger(address), refusal, wrong);
    now += 2000;
    const wait = await refusedFor(attempts.check(account(6), stranger("10.0.6.3"), refusal, wrong));
    expect(wait).toBeGreaterThan(13 * 60);
  });

  it("keeps the count of a wrong password, gives back that of a right one and of a check that failed", async () => {
    const key = "password:user:2";
    const hits = async () => (await db.rateLimit.findUnique({ where: { key } }))?.hits ?? 0;
    await attempts.check(account(2), stranger("10.0.1.1"), refusal, wrong);
    expect(await hits()).toBe(1);
    await attempts.check(account(2), stranger("10.0.1.1"), refusal, right);
    expect(await hits()).toBe(1);
    const busy = attempts.check(account(2), stranger("10.0.1.1"), refusal, () => Promise.reject(new BusyError("password hashing")));
    await expect(busy).rejects.toBeInstanceOf(BusyError);
    expect(await hits()).toBe(1);
  });

  it("counts a name no one has by the name, in any case", async () => {
    await attempts.check({ name: " Ghost " }, stranger("10.0.2.1"), refusal, wrong);
    await attempts.check({ name: "GHOST" }, stranger("10.0.2.2"), refusal, wrong);
    await refusedFor(attempts.check({ name: "ghost" }, stranger("10.0.2.3"), refusal, wrong));
  });

  it("gives a browser the account has signed in on a limit of its own, apart from strangers' and from its address's", async () => {
    for (const address of ["10.0.3.1", "10.0.3.2"]) await attempts.check(account(3), stranger(address), refusal, wrong);
    await refusedFor(attempts.check(account(3), stranger("10.0.3.3"), refusal, right));
    // The owner's browser signed in to account 3 under its present password.
    const owner: Asker = { address: "10.0.3.3", knownDevice: (id, credential) => (id === 3 && credential === "hash of 3" ? "owners-device" : undefined) };
    expect(await attempts.check(account(3), owner, refusal, right)).toBe(true);
    for (let i = 0; i < limits.perDevice.max; i++) await attempts.check(account(3), owner, refusal, wrong);
    await refusedFor(attempts.check(account(3), owner, refusal, right));
    // A mark made under an earlier password, or for another account, changes nothing for this one.
    await refusedFor(attempts.check({ userId: 3, credential: "hash of an earlier password" }, owner, refusal, right));
    const elsewhere: Asker = { address: "10.0.3.4", knownDevice: (id) => (id === 4 ? "other" : undefined) };
    await refusedFor(attempts.check(account(3), elsewhere, refusal, right));
  });

  it("never checks more passwords than the limit, however many attempts race", async () => {
    let checking = 0;
    const slowWrong = async () => {
      checking++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return false;
    };
    const results = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => attempts.check(account(5), stranger(`10.0.5.${i}`), refusal, slowWrong)));
    expect(checking).toBe(limits.perUsername.max);
    expect(results.filter((r) => r.status === "rejected" && r.reason instanceof RefusedError)).toHaveLength(40 - limits.perUsername.max);
    // Refused attempts left nothing counted behind them.
    expect((await db.rateLimit.findUnique({ where: { key: "password:user:5" } }))?.hits).toBe(limits.perUsername.max);
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
    expect(await limiter.reserve([{ key: "fresh", limit: long }, { key: "long", limit: long }])).toBe(59 * 60);
    // The first key, taken before the second was found full, was given back.
    expect((await db.rateLimit.findUnique({ where: { key: "fresh" } }))?.hits).toBe(0);
    expect(await db.rateLimit.count({ where: { windowEnd: { lte: now / 60_000 - 1 } } })).toBe(0);
  });
});
