// The password limits hold under concurrency: each attempt is counted in the database, in one
// statement, before its password is checked, so a burst of attempts sent all at once (a connection
// each) checks no more passwords than the limit, however they interleave. The shape of the attack
// that found the hole: 300 sign-ins for one name at once, the right password among them.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { SESSION_COOKIE } from "../../app/plugins/session.js";
import { PasswordHasher } from "../../app/services/accounts/password-hasher.js";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { sideDoor } from "../helpers/posts.js";
import { csrfTokenIn } from "../helpers/visitor.js";

// The defaults: 5 wrong passwords per account, 50 per address, in 15 minutes.
const { app, config } = await testApp({ LOGIN_FAILURES_PER_USERNAME: "", LOGIN_FAILURES_PER_ADDRESS: "" });
const { db } = await sideDoor(config);
const { perUsername, perAddress } = config.loginLimits;
let base: string;

beforeAll(async () => {
  base = await app.listen({ host: "127.0.0.1", port: 0 });
  for (const name of ["target", "crowd_0", "crowd_1", "crowd_2"]) await loggedInVisitor(app, name);
});
afterAll(() => app.close());
afterEach(async () => {
  vi.restoreAllMocks();
  await db.rateLimit.deleteMany();
});

/** A stranger's browser: a session of its own, and the CSRF token of its sign-in form. */
interface Browser {
  cookie: string;
  token: string;
}

async function browsers(count: number): Promise<Browser[]> {
  const all: Browser[] = [];
  for (let i = 0; i < count; i++) {
    const page = await fetch(`${base}/login`);
    const cookie = page.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!.split(";")[0]!;
    all.push({ cookie, token: csrfTokenIn(await page.text()) });
  }
  return all;
}

/** Every form posted at once, each on its own connection; the statuses, in order. */
async function burst(posts: { browser: Browser; action: string; fields: Record<string, string> }[]): Promise<number[]> {
  const answers = await Promise.all(
    posts.map(({ browser, action, fields }) =>
      fetch(`${base}${action}`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie: browser.cookie, "content-type": "application/x-www-form-urlencoded", connection: "close" },
        body: new URLSearchParams({ _csrf: browser.token, ...fields }),
      }),
    ),
  );
  await Promise.all(answers.map((answer) => answer.arrayBuffer()));
  return answers.map((answer) => answer.status);
}

const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

/** Counts the passwords actually checked (argon2 verifications, against a user's hash or the dummy) while `run` runs. */
async function checkedDuring(run: () => Promise<number[]>): Promise<{ statuses: number[]; checked: number }> {
  const verify = vi.spyOn(PasswordHasher.prototype, "verify");
  const statuses = await run();
  // A check refused as busy (a full hashing queue, a 503) checked nothing, and gave its count back.
  return { statuses, checked: verify.mock.settledResults.filter((result) => result.type === "fulfilled").length };
}

describe("a burst of sign-ins sent at once", () => {
  it(`300 for one name, the right password as #151: at most ${perUsername.max} passwords checked`, async () => {
    const all = await browsers(300);
    const { statuses, checked } = await checkedDuring(() =>
      burst(all.map((browser, i) => ({ browser, action: "/login", fields: { username: "target", password: i === 150 ? "correct horse" : `guess ${i}` } }))),
    );
    console.log(`300 sign-ins at once (${config.database.provider}): ${checked} passwords checked; ${count(statuses, 422)} × 422, ${count(statuses, 303)} × 303, ${count(statuses, 429)} × 429`);
    // Wrong passwords checked (422) never pass the limit; the right one, if it came in time, gives its count back.
    expect(count(statuses, 422)).toBeLessThanOrEqual(perUsername.max);
    expect(checked).toBeLessThanOrEqual(perUsername.max + count(statuses, 303));
    expect(count(statuses, 429)).toBeGreaterThanOrEqual(300 - perUsername.max - 1);
    expect(statuses.filter((s) => ![303, 422, 429].includes(s))).toEqual([]);
  });

  it(`300 for 300 names from one address: at most ${perAddress.max} passwords checked`, async () => {
    const all = await browsers(300);
    const { statuses, checked } = await checkedDuring(() =>
      burst(all.map((browser, i) => ({ browser, action: "/login", fields: { username: i % 2 ? `crowd_${i % 3}` : `sprayed_${i}`, password: `guess ${i}` } }))),
    );
    console.log(`300 names at once (${config.database.provider}): ${checked} passwords checked; ${count(statuses, 422)} × 422, ${count(statuses, 429)} × 429`);
    expect(checked).toBeLessThanOrEqual(perAddress.max);
    expect(count(statuses, 429) + count(statuses, 503)).toBeGreaterThanOrEqual(300 - perAddress.max);
    expect(statuses.filter((s) => ![422, 429, 503].includes(s))).toEqual([]);
  });
});

describe("a burst of wrong passwords in the settings forms, from a stolen session", () => {
  it(`120 wrong ones at once over the three forms: at most ${perUsername.max} checked, then the right one refused too`, async () => {
    const owner = await loggedInVisitor(app, "robbed");
    // The thief has the session cookie alone, not the mark of the owner's browser.
    const token = csrfTokenIn((await owner.get("/settings")).body);
    const stolen: Browser = { cookie: `${SESSION_COOKIE}=${encodeURIComponent(owner.cookies.get(SESSION_COOKIE)!)}`, token };
    const forms = [
      { action: "/settings/password", fields: (i: number) => ({ current_password: `guess ${i}`, password: "a new password", password2: "a new password" }) },
      { action: "/settings/email", fields: (i: number) => ({ email: `thief${i}@example.com`, email_password: `guess ${i}` }) },
      { action: "/settings/delete", fields: (i: number) => ({ delete_password: `guess ${i}` }) },
    ];
    const { statuses, checked } = await checkedDuring(() =>
      burst(Array.from({ length: 120 }, (_, i) => ({ browser: stolen, action: forms[i % 3]!.action, fields: forms[i % 3]!.fields(i) }))),
    );
    console.log(`120 settings forms at once (${config.database.provider}): ${checked} passwords checked; ${count(statuses, 422)} × 422, ${count(statuses, 429)} × 429`);
    expect(checked).toBeLessThanOrEqual(perUsername.max);
    expect(count(statuses, 429)).toBeGreaterThanOrEqual(120 - perUsername.max);
    // Then even the right password is refused unchecked, and the account stays.
    const [last] = await burst([{ browser: stolen, action: "/settings/delete", fields: { delete_password: "correct horse" } }]);
    expect(last).toBe(429);
    expect(await db.user.count({ where: { usernameKey: "robbed" } })).toBe(1);
  });
});
