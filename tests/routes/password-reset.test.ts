// "Forgot your password?": the same answer for every address, one live link per account, kept
// only as a hash, working once for 30 minutes, ending every session of the account.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { awaitMailTo, lastMailTo, mailsIn, mailsTo } from "../helpers/outbox.js";
import { sideDoor } from "../helpers/posts.js";
import { csrfTokenIn, type Visitor } from "../helpers/visitor.js";

const { app, config, visitor } = await testApp();
const { db } = await sideDoor(config);
const outbox = config.mail.outboxDir;

const askFor = (who: Visitor, email: string) => who.submit("/reset_password_request", "/reset_password_request", { email });
/** Posts a new password to a link's path, with a token of the visitor's own session (a link that no longer works shows no form). */
async function choose(who: Visitor, path: string, password: string, password2 = password) {
  const token = csrfTokenIn((await who.get("/reset_password_request")).body);
  return who.post(path, { _csrf: token, password, password2 });
}

/** Asks for a reset of `username`'s account and returns the emailed link's path (the mail goes after the answer). */
async function resetLink(username: string): Promise<string> {
  const address = `${username}@example.com`;
  const already = mailsTo(outbox, address).length;
  expect((await askFor(visitor(), address)).statusCode).toBe(303);
  return (await awaitMailTo(outbox, address, already)).linkPath!;
}

const tokensOf = async (username: string) =>
  db.accountToken.findMany({ where: { purpose: "reset", user: { usernameKey: username } } });

describe("asking for a reset link", () => {
  it("is linked from the login page, and asks for the address", async () => {
    expect((await visitor().get("/login")).body).toContain('href="/reset_password_request"');
    const page = await visitor().get("/reset_password_request");
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<input id="email" name="email" type="email"/);
  });

  it("answers an unknown address exactly as a known one, and mails only the known one", async () => {
    await loggedInVisitor(app, "known");
    const before = mailsIn(outbox).length;
    const knownBefore = mailsTo(outbox, "known@example.com").length;
    const askers = [visitor(), visitor()];
    const answers = [await askFor(askers[0]!, "nobody@example.com"), await askFor(askers[1]!, "  KNOWN@example.com ")];
    for (const res of answers) {
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe("/login");
    }
    const flashes = await Promise.all(askers.map(async (asker) => /<p class="flash">([^<]*)</.exec((await asker.get("/login")).body)?.[1]));
    expect(flashes[0]).toContain("If that address belongs to a Jot account, we have sent it a link");
    expect(flashes[0]).toBe(flashes[1]);
    await awaitMailTo(outbox, "known@example.com", knownBefore);
    const mails = mailsIn(outbox).slice(before);
    expect(mails.map((mail) => mail.to)).toEqual(["known@example.com"]);
    expect(mails[0]!.subject).toBe("Reset your Jot password");
    expect(mails[0]!.link).toMatch(new RegExp(`^${config.publicUrl}/reset_password/[A-Za-z0-9_-]{43}$`));
  });

  it("says so beside the field for what cannot be an address, keeping it, and mails nothing", async () => {
    const before = mailsIn(outbox).length;
    const res = await askFor(visitor(), "not an address");
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('id="email-error">Enter a valid email address.');
    expect(res.body).toContain('value="not an address"');
    expect(mailsIn(outbox)).toHaveLength(before);
  });

  it("keeps one live link per account, stored only as the SHA-256 of its secret", async () => {
    await loggedInVisitor(app, "hashed");
    const first = await resetLink("hashed");
    const second = await resetLink("hashed");
    const tokens = await tokensOf("hashed");
    expect(tokens).toHaveLength(1);
    const secret = second.split("/").at(-1)!;
    expect(tokens[0]!.hash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(JSON.stringify(await db.accountToken.findMany())).not.toContain(secret);
    // The first link ended when the second was made.
    expect((await visitor().get(first)).statusCode).toBe(410);
    expect((await visitor().get(second)).statusCode).toBe(200);
  });
});

describe("the link", () => {
  it("shows the new-password form, telling no other site its address and letting no cache keep it", async () => {
    await loggedInVisitor(app, "former");
    const link = await resetLink("former");
    const page = await visitor().get(link);
    expect(page.statusCode).toBe(200);
    expect(page.headers["referrer-policy"]).toBe("no-referrer");
    expect(page.headers["cache-control"]).toBe("no-store");
    expect(page.body).toContain(`action="${link}"`);
  });

  it("says what is wrong with the new password beside the field, and keeps working", async () => {
    await loggedInVisitor(app, "typo");
    const link = await resetLink("typo");
    const short = await choose(visitor(), link, "short");
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('id="password-error">Use at least 8 characters.');
    const mismatch = await choose(visitor(), link, "new horse battery", "new horse batterY");
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.body).toContain('id="password2-error">Passwords do not match.');
    expect(mismatch.body).not.toContain("new horse battery");
    expect((await visitor().get(link)).statusCode).toBe(200);
  });

  it("sets the new password once, logs out every session of the account, and then no longer works", async () => {
    const elsewhere = await loggedInVisitor(app, "forgetful");
    const link = await resetLink("forgetful");
    const here = visitor();
    const res = await choose(here, link, "brand new horse");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/login");
    expect((await here.get("/login")).body).toContain("Your password has been changed, and every session of your account has been signed out.");
    // The session that was open elsewhere is over.
    expect((await elsewhere.get("/")).headers.location).toBe("/login?next=%2F");
    expect((await visitor().login("forgetful", "correct horse")).statusCode).toBe(422);
    expect((await visitor().login("forgetful", "brand new horse")).headers.location).toBe("/");
    // Used: the friendly page, with a way to ask again.
    for (const again of [await visitor().get(link), await choose(visitor(), link, "another new horse")]) {
      expect(again.statusCode).toBe(410);
      expect(again.body).toContain("This link no longer works");
      expect(again.body).toContain('href="/reset_password_request"');
    }
    expect((await visitor().login("forgetful", "brand new horse")).headers.location).toBe("/");
    expect(await tokensOf("forgetful")).toHaveLength(0);
  });

  it("expires after 30 minutes", async () => {
    await loggedInVisitor(app, "late");
    const link = await resetLink("late");
    const [token] = await tokensOf("late");
    const lifetime = token!.expiresAt.getTime() - token!.createdAt.getTime();
    expect(Math.abs(lifetime - 30 * 60_000)).toBeLessThan(5_000);
    await db.accountToken.update({ where: { hash: token!.hash }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await visitor().get(link)).statusCode).toBe(410);
    expect((await choose(visitor(), link, "too late horse")).statusCode).toBe(410);
    expect((await visitor().login("late", "correct horse")).headers.location).toBe("/");
  });

  it("refuses a tampered or made-up link with the same friendly page, changing nothing", async () => {
    await loggedInVisitor(app, "target");
    const link = await resetLink("target");
    const secret = link.split("/").at(-1)!;
    const flipped = secret.slice(0, -1) + (secret.endsWith("A") ? "B" : "A");
    for (const path of [`/reset_password/${flipped}`, `/reset_password/${secret}x`, "/reset_password/short", `/reset_password/${"A".repeat(43)}`]) {
      expect((await visitor().get(path)).statusCode, path).toBe(410);
      expect((await choose(visitor(), path, "taken over horse")).statusCode, path).toBe(410);
    }
    expect((await visitor().login("target", "correct horse")).headers.location).toBe("/");
    expect((await visitor().get(link)).statusCode).toBe(200);
  });

  it("confirms the address of an account that had not confirmed it: the link reached it", async () => {
    const fresh = visitor();
    await fresh.register("unconfirmed", "correct horse", "unconfirmed@example.com", { confirm: false });
    const link = await resetLink("unconfirmed");
    await choose(visitor(), link, "confirmed horse");
    expect((await db.user.findUniqueOrThrow({ where: { usernameKey: "unconfirmed" } })).emailVerifiedAt).not.toBeNull();
  });
});

describe("the reset limits", async () => {
  const limited = await testApp({ RATE_LIMIT_RESET_REQUESTS: "2/60", TRUST_PROXY: "1" });
  const limitedOutbox = limited.config.mail.outboxDir;
  /** Asks through the proxy Jot trusts, for a client at `client`. */
  async function askFrom(client: string, email: string) {
    const who = limited.visitor();
    const token = csrfTokenIn((await who.get("/reset_password_request")).body);
    return limited.app.inject({
      method: "POST",
      url: "/reset_password_request",
      headers: { cookie: who.cookieHeader(), "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": client },
      payload: new URLSearchParams({ _csrf: token, email }).toString(),
    });
  }

  it("refuses a client's third request within the hour (429, Retry-After, the value kept), and no one else's", async () => {
    for (const email of ["a@example.com", "b@example.com"]) expect((await askFrom("203.0.113.1", email)).statusCode).toBe(303);
    const third = await askFrom("203.0.113.1", "c@example.com");
    expect(third.statusCode).toBe(429);
    expect(Number(third.headers["retry-after"])).toBeGreaterThan(0);
    expect(third.body).toMatch(/id="email-error">Too many reset emails asked for\. Try again in \d+ (minutes?|seconds?)\./);
    expect(third.body).toContain('value="c@example.com"');
    // Another client behind the same proxy is counted apart.
    expect((await askFrom("203.0.113.2", "c@example.com")).statusCode).toBe(303);
  });

  it("past the limit for one address, answers as always but sends nothing more: its owner keeps the newest link, and can still ask", async () => {
    await loggedInVisitor(limited.app, "flooded");
    const address = "flooded@example.com";
    for (const client of ["198.51.100.1", "198.51.100.2"]) {
      const already = mailsTo(limitedOutbox, address).length;
      expect((await askFrom(client, address)).statusCode).toBe(303);
      await awaitMailTo(limitedOutbox, address, already);
    }
    const newest = lastMailTo(limitedOutbox, address)!.linkPath!;
    // The owner, from an address of their own: the usual answer, and no new mail replaces the link.
    expect((await askFrom("192.0.2.7", address)).statusCode).toBe(303);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(lastMailTo(limitedOutbox, address)!.linkPath).toBe(newest);
    expect((await limited.visitor().get(newest)).statusCode).toBe(200);
  });
});
