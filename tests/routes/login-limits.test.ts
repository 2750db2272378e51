// Guessing passwords stops paying: past a few wrong ones for an account, or many from one address,
// password checks are refused for the rest of the period, before any password is checked. The
// settings forms count with the sign-in form. A browser the account has signed in on before has a
// limit of its own, so strangers locking the account lock out no owner.
import { beforeAll, describe, expect, it } from "vitest";
import { DEVICE_COOKIE } from "../../app/plugins/known-devices.js";
import { SESSION_COOKIE } from "../../app/plugins/session.js";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { awaitMailTo, mailsTo } from "../helpers/outbox.js";
import { sideDoor } from "../helpers/posts.js";
import type { Visitor } from "../helpers/visitor.js";

const PER_USERNAME = 3;
const PER_ADDRESS = 12;
const PER_DEVICE = 2;
const { app, config, visitor } = await testApp({
  LOGIN_FAILURES_PER_USERNAME: String(PER_USERNAME),
  LOGIN_FAILURES_PER_ADDRESS: String(PER_ADDRESS),
  LOGIN_FAILURES_PER_DEVICE: String(PER_DEVICE),
});
const { db } = await sideDoor(config);

/** The owner's own browser: it has signed in before, and carries the device cookie that says so. */
let owner: Visitor;

beforeAll(async () => {
  for (const name of ["bystander", "late"]) await visitor().register(name);
  owner = await loggedInVisitor(app, "victim");
  await owner.submit("/", "/logout", {});
});

const hitsOf = async (key: string) => (await db.rateLimit.findUnique({ where: { key } }))?.hits ?? 0;
const idOf = async (name: string) => (await db.user.findUniqueOrThrow({ where: { usernameKey: name } })).id;

describe("failed sign-ins", () => {
  it("a successful sign-in marks the browser with a signed device cookie that names no account, httpOnly, for a year", async () => {
    expect(owner.cookies.get(DEVICE_COOKIE)).toMatch(/^[\w-]{22}\.[\w-]{22}$/);
    const cookie = (await visitor().login("bystander")).cookies.find((c) => c.name === DEVICE_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/", maxAge: 365 * 24 * 60 * 60 });
  });

  it(`past ${PER_USERNAME} from strangers' browsers, refuses even the right password with a 429 saying how long to wait`, async () => {
    for (let i = 0; i < PER_USERNAME; i++) expect((await visitor().login("victim", `guess ${i}`)).statusCode).toBe(422);
    const blocked = await visitor().login("VICTIM", "correct horse");
    expect(blocked.statusCode).toBe(429);
    const retryAfter = Number(blocked.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(blocked.body).toMatch(/id="password-error">Too many failed sign-ins\. Try again in \d+ minutes?\. If it is your account/);
    expect(blocked.body).toContain('value="VICTIM"');
    // The refused attempt checked no password and is not counted.
    expect(await hitsOf(`password:user:${await idOf("victim")}`)).toBe(PER_USERNAME);
    // Another account is not held back by it.
    expect((await visitor().login("bystander")).headers.location).toBe("/");
  });

  it("the owner's browser still signs in meanwhile: the strangers' lock costs them nothing", async () => {
    const res = await owner.login("victim");
    expect(res.statusCode).toBe(303);
    expect((await owner.get("/")).body).toContain("Hi, victim!");
    await owner.submit("/", "/logout", {});
  });

  it("a forged mark, or one made for another account, is a stranger's browser", async () => {
    const [device, signature] = owner.cookies.get(DEVICE_COOKIE)!.split(".");
    const forged = visitor();
    forged.cookies.set(DEVICE_COOKIE, `${device}.${signature!.slice(0, -2)}${signature!.endsWith("AA") ? "BB" : "AA"}`);
    expect((await forged.login("victim")).statusCode).toBe(429);
    const bystanders = visitor();
    await bystanders.login("bystander");
    await bystanders.submit("/", "/logout", {});
    expect((await bystanders.login("victim")).statusCode).toBe(429);
    // The real one still works.
    expect((await owner.login("victim")).statusCode).toBe(303);
    await owner.submit("/", "/logout", {});
  });

  it("counts names no one has too, by name, and blank forms not at all", async () => {
    for (let i = 0; i < PER_USERNAME; i++) expect((await visitor().login("nobody-at-all", "guess")).statusCode).toBe(422);
    expect((await visitor().login("Nobody-At-All", "guess")).statusCode).toBe(429);
    expect(await hitsOf("password:name:nobody-at-all")).toBe(PER_USERNAME);
    expect((await visitor().login("", "")).statusCode).toBe(422);
  });

  it("a right password gives its count back: signing in often is never held against anyone", async () => {
    const before = await hitsOf(`password:user:${await idOf("late")}`);
    for (let i = 0; i < PER_USERNAME + 2; i++) expect((await visitor().login("late")).statusCode).toBe(303);
    expect(await hitsOf(`password:user:${await idOf("late")}`)).toBe(before);
  });

  it("a browser that opens a reset link signs in from then on, the strangers' lock notwithstanding", async () => {
    const elsewhere = visitor();
    expect((await elsewhere.login("victim")).statusCode).toBe(429);
    const already = mailsTo(config.mail.outboxDir, "victim@example.com").length;
    await elsewhere.submit("/reset_password_request", "/reset_password_request", { email: "victim@example.com" });
    const link = (await awaitMailTo(config.mail.outboxDir, "victim@example.com", already)).linkPath!;
    expect((await elsewhere.submit(link, link, { password: "a new password", password2: "a new password" })).statusCode).toBe(303);
    expect((await elsewhere.login("victim", "a new password")).statusCode).toBe(303);
    await elsewhere.submit("/", "/logout", {});
  });

  it("a new password ends every mark made under the old one: the owner's other browser is a stranger's now", async () => {
    // The owner's usual browser signed in under the password the reset above replaced.
    expect((await owner.login("victim", "a new password")).statusCode).toBe(429);
    await db.rateLimit.deleteMany({ where: { key: `password:user:${await idOf("victim")}` } });
    expect((await owner.login("victim", "a new password")).statusCode).toBe(303);
    await owner.submit("/", "/logout", {});
  });

  it(`past ${PER_ADDRESS} from one address, whatever the accounts, refuses every stranger's sign-in from it, not the owner's`, async () => {
    for (let i = await hitsOf("password:ip:127.0.0.1"); i < PER_ADDRESS; i++) await visitor().login(`sprayed${i}`, "guess");
    expect((await visitor().login("late")).statusCode).toBe(429);
    expect((await owner.login("victim", "a new password")).statusCode).toBe(303);
    await owner.submit("/", "/logout", {});
    await db.rateLimit.deleteMany({ where: { key: "password:ip:127.0.0.1" } });
  });

  it(`the owner's browser has a limit of its own: ${PER_DEVICE} wrong passwords`, async () => {
    for (let i = 0; i < PER_DEVICE; i++) expect((await owner.login("victim", `typo ${i}`)).statusCode).toBe(422);
    expect((await owner.login("victim", "a new password")).statusCode).toBe(429);
  });
});

describe("the settings forms", () => {
  it("count wrong passwords with the sign-in form: a stolen session cannot be used to guess the password", async () => {
    const victim = await loggedInVisitor(app, "stolen");
    const userKey = `password:user:${await idOf("stolen")}`;
    // The thief has copied the session cookie, not the mark of the owner's browser.
    const thief = visitor();
    thief.cookies.set(SESSION_COOKIE, victim.cookies.get(SESSION_COOKIE)!);
    const forms = [
      ["/settings/password", { current_password: "guess 1", password: "new password 1", password2: "new password 1" }],
      ["/settings/email", { email: "thief@example.com", email_password: "guess 2" }],
      ["/settings/delete", { delete_password: "guess 3" }],
    ] as const;
    for (const [action, fields] of forms) {
      const res = await thief.submit("/settings", action, fields);
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain("That is not your password.");
    }
    expect(await hitsOf(userKey)).toBe(PER_USERNAME);
    // The right password is now refused unchecked, on every form and at sign-in.
    const refused = await thief.submit("/settings", "/settings/delete", { delete_password: "correct horse" });
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toMatch(/Too many wrong passwords\. Try again in \d+ minutes?\./);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(await db.user.count({ where: { usernameKey: "stolen" } })).toBe(1);
    expect((await visitor().login("stolen")).statusCode).toBe(429);
  });
});
