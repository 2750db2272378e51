// A new account's address is confirmed by a link mailed to it; until then its user may read but
// not post or send messages. A new address becomes the account's only when its link is opened.
import { describe, expect, it } from "vitest";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { lastMailTo, mailsIn } from "../helpers/outbox.js";
import { sideDoor } from "../helpers/posts.js";
import { csrfTokenIn, Visitor } from "../helpers/visitor.js";

const { app, config, visitor } = await testApp();
const { db } = await sideDoor(config);
const outbox = config.mail.outboxDir;

/** Registers `username` without opening the mailed link, and logs in. */
async function unconfirmed(username: string): Promise<Visitor> {
  const who = visitor();
  expect((await who.register(username, "correct horse", `${username}@example.com`, { confirm: false })).statusCode).toBe(303);
  await who.login(username);
  return who;
}

const linkTo = (address: string) => lastMailTo(outbox, address)!.linkPath!;
const changeEmail = (who: Visitor, email: string, password = "correct horse") =>
  who.submit("/settings", "/settings/email", { email, email_password: password });
const emailOf = async (username: string) => (await db.user.findUniqueOrThrow({ where: { usernameKey: username } })).email;

describe("a new account", () => {
  it("is mailed a link, and told so", async () => {
    const who = visitor();
    await who.register("newcomer", "correct horse", "newcomer@example.com", { confirm: false });
    expect((await who.get("/login")).body).toContain("We have sent a link to newcomer@example.com");
    const mail = lastMailTo(outbox, "newcomer@example.com")!;
    expect(mail.subject).toBe("Confirm your email address for Jot");
    expect(mail.text).toContain("Hi newcomer,");
    expect(mail.link).toMatch(new RegExp(`^${config.publicUrl}/verify_email/[A-Za-z0-9_-]{43}$`));
  });

  it("may read but not post or send messages until the address is confirmed: the banner says why, the text is kept", async () => {
    await loggedInVisitor(app, "someone");
    const who = await unconfirmed("reader");
    const home = await who.get("/");
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain("Confirm your email address");
    expect(home.body).toContain("<strong>reader@example.com</strong>");
    expect(home.body).toContain('action="/verify_email/resend"');
    for (const page of ["/explore", "/user/someone", "/messages"]) expect((await who.get(page)).statusCode, page).toBe(200);

    const post = await who.submit("/", "/posts", { body: "My first words" });
    expect(post.statusCode).toBe(403);
    expect(post.body).toMatch(/id="body-error">Confirm your email address before you post: open the link we sent to reader@example\.com/);
    expect(post.body).toContain("My first words</textarea>");
    const message = await who.submit("/send_message/someone", "/send_message/someone", { message: "Hello there" });
    expect(message.statusCode).toBe(403);
    expect(message.body).toContain('id="message-error">Confirm your email address before you send messages');
    expect(message.body).toContain("Hello there</textarea>");
    expect(await db.post.count({ where: { author: { usernameKey: "reader" } } })).toBe(0);
    expect(await db.message.count({ where: { sender: { usernameKey: "reader" } } })).toBe(0);

    // The link: confirmed, the banner gone, posting open.
    const opened = await who.get(linkTo("reader@example.com"));
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toBe("/");
    const after = await who.get("/");
    expect(after.body).toContain("Thank you: reader@example.com is confirmed.");
    expect(after.body).not.toContain('action="/verify_email/resend"');
    expect((await who.submit("/", "/posts", { body: "My first words" })).statusCode).toBe(303);
  });

  it("works once: opened again, or tampered with, it is a friendly page", async () => {
    const who = await unconfirmed("twice");
    const link = linkTo("twice@example.com");
    expect((await visitor().get(link)).headers.location).toBe("/login");
    for (const path of [link, `${link.slice(0, -1)}${link.endsWith("A") ? "B" : "A"}`, "/verify_email/nonsense"]) {
      const again = await who.get(path);
      expect(again.statusCode, path).toBe(410);
      expect(again.body).toContain("This link no longer works");
      expect(again.headers["referrer-policy"]).toBe("no-referrer");
    }
  });

  it("expires after 48 hours", async () => {
    await unconfirmed("slowpoke");
    const token = await db.accountToken.findFirstOrThrow({ where: { user: { usernameKey: "slowpoke" }, purpose: "verify" } });
    expect(Math.abs(token.expiresAt.getTime() - token.createdAt.getTime() - 48 * 3600_000)).toBeLessThan(5_000);
    await db.accountToken.update({ where: { hash: token.hash }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await visitor().get(linkTo("slowpoke@example.com"))).statusCode).toBe(410);
    expect((await db.user.findUniqueOrThrow({ where: { usernameKey: "slowpoke" } })).emailVerifiedAt).toBeNull();
  });
});

describe("sending the link again", () => {
  it("mails a new link in place of the old one", async () => {
    const who = await unconfirmed("resender");
    const first = linkTo("resender@example.com");
    const res = await who.submit("/", "/verify_email/resend", {});
    expect(res.statusCode).toBe(303);
    expect((await who.get("/")).body).toContain("We have sent you a new link");
    const second = linkTo("resender@example.com");
    expect(second).not.toBe(first);
    expect((await who.get(first)).statusCode).toBe(410);
    expect((await who.get(second)).statusCode).toBe(303);
  });

  it("says the address is confirmed already, and mails nothing, once it is", async () => {
    const who = await loggedInVisitor(app, "done");
    const before = mailsIn(outbox).length;
    const token = csrfTokenIn((await who.get("/settings")).body);
    expect((await who.post("/verify_email/resend", { _csrf: token })).statusCode).toBe(303);
    expect((await who.get("/")).body).toContain("Your email address is already confirmed.");
    expect(mailsIn(outbox)).toHaveLength(before);
  });

  it("needs a login", async () => {
    const res = await visitor().submit("/login", "/verify_email/resend", {});
    expect(res.headers.location).toBe("/login");
  });
});

describe("the account-email limit", async () => {
  const limited = await testApp({ RATE_LIMIT_ACCOUNT_EMAILS: "1/60" });

  it("refuses a second resend within the hour with a 429 page saying how long to wait", async () => {
    const who = new Visitor(limited.app);
    await who.register("eager", "correct horse", "eager@example.com", { confirm: false });
    await who.login("eager");
    expect((await who.submit("/", "/verify_email/resend", {})).statusCode).toBe(303);
    const mailed = mailsIn(limited.config.mail.outboxDir).length;
    const again = await who.submit("/", "/verify_email/resend", {});
    expect(again.statusCode).toBe(429);
    expect(Number(again.headers["retry-after"])).toBeGreaterThan(0);
    expect(again.body).toMatch(/Too many emails asked for\. Try again in \d+ minutes?\./);
    expect(mailsIn(limited.config.mail.outboxDir)).toHaveLength(mailed);
  });
});

describe("changing the address", () => {
  it("needs the password and a new, free, valid address: each error beside its field, the address kept", async () => {
    const who = await loggedInVisitor(app, "mover");
    await loggedInVisitor(app, "holder");
    const cases: [string, string, string][] = [
      ["new@example.com", "wrong password", 'id="email_password-error">That is not your password.'],
      ["not an address", "correct horse", 'id="email-error">Enter a valid email address.'],
      ["MOVER@example.com", "correct horse", 'id="email-error">That is already your address.'],
      ["holder@example.com", "correct horse", 'id="email-error">That email address is already registered.'],
    ];
    for (const [email, password, error] of cases) {
      const res = await changeEmail(who, email, password);
      expect(res.statusCode, email).toBe(422);
      expect(res.body, email).toContain(error);
      expect(res.body, email).toContain(`value="${email}"`);
      expect(res.body, "a password is never sent back").not.toContain(`value="${password}"`);
    }
    expect(await emailOf("mover")).toBe("mover@example.com");
  });

  it("keeps the old address until the link mailed to the new one is opened", async () => {
    const who = await loggedInVisitor(app, "relocator");
    const res = await changeEmail(who, " Relocated@Example.com ");
    expect(res.statusCode).toBe(303);
    const settings = await who.get("/settings");
    expect(settings.body).toContain("We have sent a link to relocated@example.com");
    expect(settings.body).toContain("We have sent a link to <strong>relocated@example.com</strong>");
    expect(await emailOf("relocator")).toBe("relocator@example.com");
    // Still confirmed, still posting, under the old address.
    expect((await who.submit("/", "/posts", { body: "Still here" })).statusCode).toBe(303);
    expect(lastMailTo(outbox, "relocated@example.com")!.text).toContain("To make this your Jot account's email address");

    expect((await visitor().get(linkTo("relocated@example.com"))).statusCode).toBe(303);
    expect(await emailOf("relocator")).toBe("relocated@example.com");
    expect((await who.get("/settings")).body).toContain("Yours is <strong>relocated@example.com</strong>");
    // The new address is the one a reset goes to now.
    const before = mailsIn(outbox).length;
    await visitor().submit("/reset_password_request", "/reset_password_request", { email: "relocator@example.com" });
    expect(mailsIn(outbox)).toHaveLength(before);
  });

  it("fails kindly when someone else took the address before the link was opened", async () => {
    const who = await loggedInVisitor(app, "slow");
    await changeEmail(who, "contested@example.com");
    const link = linkTo("contested@example.com");
    await loggedInVisitor(app, "contested");
    const res = await who.get(link);
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("That email address is already registered.");
    expect(await emailOf("slow")).toBe("slow@example.com");
  });
});
