// Guessing passwords stops paying: past a few failures for one username, or many from one
// address, sign-ins are refused for the rest of the period, before any password is checked.
import { beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../helpers/app.js";
import { sideDoor } from "../helpers/posts.js";

const PER_USERNAME = 3;
const PER_ADDRESS = 8;
const { config, visitor } = await testApp({ LOGIN_FAILURES_PER_USERNAME: String(PER_USERNAME), LOGIN_FAILURES_PER_ADDRESS: String(PER_ADDRESS) });
const { db } = await sideDoor(config);

beforeAll(async () => {
  for (const name of ["victim", "bystander", "late"]) await visitor().register(name);
});

describe("failed sign-ins", () => {
  it(`past ${PER_USERNAME} for one username, refuses even the right password with a 429 saying how long to wait`, async () => {
    for (let i = 0; i < PER_USERNAME; i++) expect((await visitor().login("victim", `guess ${i}`)).statusCode).toBe(422);
    const blocked = await visitor().login("VICTIM", "correct horse");
    expect(blocked.statusCode).toBe(429);
    const retryAfter = Number(blocked.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(blocked.body).toMatch(/id="password-error">Too many failed sign-ins\. Try again in \d+ minutes?\.</);
    expect(blocked.body).toContain('value="VICTIM"');
    // Another account is not held back by it.
    expect((await visitor().login("bystander")).headers.location).toBe("/");
  });

  it("counts unknown usernames too, and blank forms not at all", async () => {
    for (let i = 0; i < PER_USERNAME; i++) await visitor().login("nobody-at-all", "guess");
    expect((await visitor().login("nobody-at-all", "guess")).statusCode).toBe(429);
    const rows = await db.rateLimit.findMany({ where: { key: "login:user:nobody-at-all" } });
    expect(rows.map((r) => r.hits)).toEqual([PER_USERNAME]);
    expect((await visitor().login("", "")).statusCode).toBe(422);
  });

  it(`past ${PER_ADDRESS} from one address, whatever the usernames, refuses every sign-in from it`, async () => {
    const before = (await db.rateLimit.findUnique({ where: { key: "login:ip:127.0.0.1" } }))?.hits ?? 0;
    for (let i = before; i < PER_ADDRESS; i++) await visitor().login(`sprayed${i}`, "guess");
    const blocked = await visitor().login("late", "correct horse");
    expect(blocked.statusCode).toBe(429);
  });
});
