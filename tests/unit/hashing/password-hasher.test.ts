import { hash as argon2Hash } from "@node-rs/argon2";
import { afterAll, describe, expect, it } from "vitest";
import { BusyError } from "../../../app/domain/errors.js";
import { Argon2Threads } from "../../../app/hashing/argon2-threads.js";
import { PasswordHasher } from "../../../app/services/accounts/password-hasher.js";

const COST = { memoryCost: 1024, timeCost: 1, parallelism: 1 };
const hasher = new PasswordHasher(COST, { concurrency: 2, queue: 4 });
afterAll(() => hasher.close());

describe("PasswordHasher", () => {
  it("hashes with argon2id at the configured costs, and verifies", async () => {
    const hash = await hasher.hash("correct horse");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    expect(await hasher.verify(hash, "correct horse")).toBe(true);
    expect(await hasher.verify(hash, "wrong horse")).toBe(false);
  });

  it("lets no one in with a stored hash argon2 cannot read, and says so without a thread", async () => {
    for (const stored of ["", "not a hash", "$argon2id$v=19$m=1024,t=1,p=1$short"]) expect(await hasher.verify(stored, "anything")).toBe(false);
  });

  it("calls a hash outdated when its variant or any cost differs from today's", async () => {
    expect(hasher.isOutdated(await hasher.hash("x"))).toBe(false);
    expect(hasher.isOutdated(await argon2Hash("x", { ...COST, timeCost: 2 }))).toBe(true);
    expect(hasher.isOutdated(await argon2Hash("x", { ...COST, memoryCost: 2048 }))).toBe(true);
    // 1: argon2i
    expect(hasher.isOutdated(await argon2Hash("x", { ...COST, algorithm: 1 }))).toBe(true);
    // Unreadable: never reached, as it lets no one in.
    expect(hasher.isOutdated("garbage")).toBe(false);
  });
});

describe("Argon2Threads", () => {
  it("refuses at once past the running and the waiting, and takes work again once they are done", async () => {
    const threads = new Argon2Threads({ concurrency: 1, queue: 1 });
    const slow = { memoryCost: 65536, timeCost: 3, parallelism: 1 };
    const first = threads.hash("a", slow);
    const second = threads.hash("b", slow);
    expect(() => threads.refuseWhenFull()).toThrow(BusyError);
    await expect(threads.hash("c", slow)).rejects.toBeInstanceOf(BusyError);
    await Promise.all([first, second]);
    expect(() => threads.refuseWhenFull()).not.toThrow();
    await threads.close();
  });

  it("fails a job under way when it closes, rather than leaving it waiting for ever, and refuses work from then on", async () => {
    const threads = new Argon2Threads({ concurrency: 1, queue: 1 });
    await threads.hash("warm", COST);
    const underWay = threads.hash("x", { memoryCost: 65536, timeCost: 4, parallelism: 1 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await threads.close();
    await expect(underWay).rejects.toThrow(/closed/);
    await expect(threads.hash("y", COST)).rejects.toThrow(/closed/);
  });
});
