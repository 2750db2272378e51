// Each limit, set low, proven: registrations per address, posts, messages and follows per user.
// The counts live in the database, so two Jot apps on one database count together.
import { afterAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app/app.js";
import { UserRepository } from "../../app/repositories/user-repository.js";
import { testApp } from "../helpers/app.js";
import { rememberOutbox } from "../helpers/outbox.js";
import { sideDoor } from "../helpers/posts.js";
import { Visitor } from "../helpers/visitor.js";

const LIMITS = {
  RATE_LIMIT_REGISTRATIONS: "3/60",
  RATE_LIMIT_REGISTRATION_ATTEMPTS: "8/60",
  RATE_LIMIT_POSTS: "2/10",
  RATE_LIMIT_MESSAGES: "2/10",
  RATE_LIMIT_FOLLOWS: "2/10",
};
const { app, config } = await testApp(LIMITS);
const { db } = await sideDoor(config);
// A second app on the same database: another Jot process behind the same load balancer.
const other = await buildApp(config);
rememberOutbox(other, config.mail.outboxDir);
afterAll(() => other.close());

const WAIT = /Try again in \d+ (minutes?|seconds?)\./;

function expectRefused(res: { statusCode: number; headers: Record<string, unknown>; body: string }, text: RegExp) {
  expect(res.statusCode).toBe(429);
  expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
  expect(res.body).toMatch(text);
  expect(res.body).toMatch(WAIT);
}

describe("registrations per address", () => {
  it("refuses the fourth account made from one address within the hour, keeping what was typed, making nothing; failed forms do not count as accounts", async () => {
    expect((await new Visitor(app).register("first")).statusCode).toBe(303);
    // A typo and a taken name: two forms refused, no account made.
    expect((await new Visitor(app).register("x")).statusCode).toBe(422);
    expect((await new Visitor(app).register("FIRST", "correct horse", "other@example.com")).statusCode).toBe(422);
    expect((await new Visitor(other).register("second")).statusCode).toBe(303);
    expect((await new Visitor(app).register("third")).statusCode).toBe(303);
    const users = await db.user.count();
    const res = await new Visitor(app).register("fourth", "correct horse", "fourth@example.com", { confirm: false });
    expectRefused(res, /id="username-error">Too many accounts made from here\./);
    expect(res.body).toContain('value="fourth"');
    expect(res.body).toContain('value="fourth@example.com"');
    expect(await db.user.count()).toBe(users);
  });

  it("slows guessing names in a loop: past 8 forms from one address in the hour, made or refused, every form is refused", async () => {
    for (let i = 0; i < 8; i++) expect((await registerFrom("10.8.8.8", `x${i}`)).statusCode).toBe(422);
    const res = await registerFrom("10.8.8.8", "fresh_name");
    expectRefused(res, /id="username-error">Too many sign-up forms sent from here\./);
    // Another address is not held back by it.
    expect((await registerFrom("10.8.8.9", "fresh_name")).statusCode).toBe(303);
  });

  it("counts an account before it is made: ten forms at once from a fresh address make at most the limit", async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => registerFrom("10.9.9.9", `burst${i}`)));
    expect(answers.filter((a) => a.statusCode === 303)).toHaveLength(3);
    expect(await db.user.count({ where: { username: { startsWith: "burst" } } })).toBe(3);
  });
});

/** A registration form sent from `address` (its own session and CSRF token), for `username`. */
async function registerFrom(address: string, username: string) {
  const page = await app.inject({ method: "GET", url: "/register", remoteAddress: address });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const cookie = page.cookies.map((c) => `${c.name}=${encodeURIComponent(c.value)}`).join("; ");
  const password = "correct horse";
  return app.inject({
    method: "POST",
    url: "/register",
    remoteAddress: address,
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams({ _csrf: token, username, email: `${username}@example.com`, password, password2: password }).toString(),
  });
}

describe("per user", () => {
  // Made directly: the registration limit above is spent.
  const users = new UserRepository(db);
  async function member(name: string): Promise<Visitor> {
    const user = await users.add({ username: name, email: `${name}@example.com`, passwordHash: (await db.user.findFirstOrThrow()).passwordHash });
    await users.confirmEmail(user.id);
    const who = new Visitor(app);
    await who.login(name, "correct horse");
    return who;
  }

  it("posts: two per ten minutes, on either process; the third is refused beside the field, kept, not written", async () => {
    const poster = await member("poster");
    const elsewhere = new Visitor(other);
    elsewhere.cookies.set(...([...poster.cookies][0] as [string, string]));
    expect((await poster.submit("/", "/posts", { body: "one" })).statusCode).toBe(303);
    expect((await elsewhere.submit("/", "/posts", { body: "two" })).statusCode).toBe(303);
    const third = await poster.submit("/", "/posts", { body: "three, too soon" });
    expectRefused(third, /id="body-error">You are posting too fast\./);
    expect(third.body).toContain("three, too soon</textarea>");
    expect(await db.post.count({ where: { author: { usernameKey: "poster" } } })).toBe(2);
    // Someone else posts as before.
    expect((await (await member("bystander")).submit("/", "/posts", { body: "mine" })).statusCode).toBe(303);
  });

  it("messages: the third within ten minutes is refused beside the field, kept, not sent", async () => {
    const sender = await member("sender");
    await member("recipient");
    const send = (message: string) => sender.submit("/explore", "/send_message/recipient", { message });
    expect((await send("one")).statusCode).toBe(303);
    expect((await send("two")).statusCode).toBe(303);
    const third = await send("three, too soon");
    expectRefused(third, /id="message-error">You are sending messages too fast\./);
    expect(third.body).toContain("three, too soon</textarea>");
    expect(await db.message.count({ where: { sender: { usernameKey: "sender" } } })).toBe(2);
  });

  it("follows and unfollows count together: looping them cannot flood anyone's notices", async () => {
    const looper = await member("looper");
    await member("followed");
    expect((await looper.submit("/user/followed", "/follow/followed", {})).statusCode).toBe(303);
    expect((await looper.submit("/user/followed", "/unfollow/followed", {})).statusCode).toBe(303);
    const notices = await db.notification.count();
    const third = await looper.submit("/user/followed", "/follow/followed", {});
    expectRefused(third, /You are following and unfollowing too fast\./);
    expect(await db.notification.count()).toBe(notices);
    expect(await db.follow.count({ where: { follower: { usernameKey: "looper" } } })).toBe(0);
  });
});
