// A new account's address is confirmed by a link mailed to it; until then its user may read but
// not post or send messages. A new address becomes the account's only when its link is opened.
import { describe, expect, it } from "vitest";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { awaitMailTo, lastMailTo, mailsIn, mailsTo } from "../helpers/outbox.js";
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
/** Opens a link and presses its button, as its owner would; a link that does not work shows no form, so a token of the visitor's own goes with it. */
async function confirmBy(who: Visitor, link: string) {
  const page = await who.get(link);
  if (page.statusCode !== 200) return who.post(link, { _csrf: csrfTokenIn((await who.get("/reset_password_request")).body) });
  return who.post(link, { _csrf: csrfTokenIn(page.body) });
}
const changeEmail = (who: Visitor, email: string, password = "correct horse") =>
  who.submit("/settings", "/settings/email", { email, email_password: password });
const emailOf = async (username: string) => (await db.user.findUniqueOrThrow({ where: { usernameKey: username } })).email;

describe("a new account", () => {
  it("sees a composer that cannot be used yet, saying why beside it with the way to a new link, and the banner only on other pages", async () => {
    await loggedInVisitor(app, "someone_else");
    const who = await unconfirmed("waiting");
    const home = (await who.get("/")).body;
    expect(home).toMatch(/<textarea id="body"[^>]* disabled>/);
    expect(home).toMatch(/<button type="submit" class="button" disabled>Post<\/button>/);
    expect(home).toContain("Confirm your email address before you post: open the link we sent to <strong>waiting@example.com</strong>.");
    expect(home).toContain("Send the link again");
    expect(home).not.toContain('class="confirm-banner"');
    expect((await who.get("/explore")).body).toContain('class="confirm-banner"');
    const form = (await who.get("/messages/someone_else")).body;
    expect(form).toMatch(/<textarea id="message"[^>]* disabled>/);
    expect(form).toContain("Confirm your email address before you send messages");
  });

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
    const message = await who.submit("/explore", "/send_message/someone", { message: "Hello there" });
    expect(message.statusCode).toBe(403);
    expect(message.body).toContain('id="message-error">Confirm your email address before you send messages');
    expect(message.body).toContain("Hello there</textarea>");
    expect(await db.post.count({ where: { author: { usernameKey: "reader" } } })).toBe(0);
    expect(await db.message.count({ where: { sender: { usernameKey: "reader" } } })).toBe(0);

    // The link: confirmed, the banner gone, posting open.
    const opened = await confirmBy(who, linkTo("reader@example.com"));
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toBe("/");
    const after = await who.get("/");
    expect(after.body).toContain("Thank you: reader@example.com is confirmed.");
    expect(after.body).not.toContain('action="/verify_email/resend"');
    expect((await who.submit("/", "/posts", { body: "My first words" })).statusCode).toBe(303);
  });

  it("works once: opened again, or tampered with, it is a friendly page; to its owner, signed in, it says the address is confirmed", async () => {
    const who = await unconfirmed("twice");
    const link = linkTo("twice@example.com");
    expect((await confirmBy(visitor(), link)).headers.location).toBe("/login");
    for (const path of [link, `${link.slice(0, -1)}${link.endsWith("A") ? "B" : "A"}`, "/verify_email/nonsense"]) {
      const stranger = visitor();
      for (const again of [await stranger.get(path), await confirmBy(stranger, path)]) {
        expect(again.statusCode, path).toBe(410);
        expect(again.body).toContain("This link no longer works");
        expect(again.body).toContain("If you opened it before, your address is confirmed");
        expect(again.headers["referrer-policy"]).toBe("no-referrer");
      }
      for (const again of [await who.get(path), await confirmBy(who, path)]) {
        expect(again.statusCode, path).toBe(200);
        expect(again.body).toContain("Your address is already confirmed");
        expect(again.body).toContain("twice@example.com is your account&#39;s address, confirmed.");
      }
    }
  });

  it("expires after 48 hours", async () => {
    await unconfirmed("slowpoke");
    const token = await db.accountToken.findFirstOrThrow({ where: { user: { usernameKey: "slowpoke" }, purpose: "verify" } });
    expect(Math.abs(token.expiresAt.getTime() - token.createdAt.getTime() - 48 * 3600_000)).toBeLessThan(5_000);
    await db.accountToken.update({ where: { hash: token.hash }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await visitor().get(linkTo("slowpoke@example.com"))).statusCode).toBe(410);
    expect((await confirmBy(visitor(), linkTo("slowpoke@example.com"))).statusCode).toBe(410);
    expect((await db.user.findUniqueOrThrow({ where: { usernameKey: "slowpoke" } })).emailVerifiedAt).toBeNull();
  });
  it("is only asked about when opened (GET or HEAD, as a mail scanner would): the button uses it", async () => {
    const who = await unconfirmed("scanned");
    const link = linkTo("scanned@example.com");
    const page = await visitor().get(link);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Is <strong>scanned@example.com</strong> your address?");
    expect(page.body).toContain(`action="${link}"`);
    expect(page.headers["referrer-policy"]).toBe("no-referrer");
    expect((await visitor().head(link)).statusCode).toBe(200);
    expect((await db.user.findUniqueOrThrow({ where: { usernameKey: "scanned" } })).emailVerifiedAt).toBeNull();
    expect((await confirmBy(who, link)).statusCode).toBe(303);
    expect((await db.user.findUniqueOrThrow({ where: { usernameKey: "scanned" } })).emailVerifiedAt).not.toBeNull();
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
    expect((await confirmBy(who, second)).statusCode).toBe(303);
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

    expect((await confirmBy(visitor(), linkTo("relocated@example.com"))).statusCode).toBe(303);
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
    const res = await confirmBy(who, link);
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("That email address is already registered.");
    expect(await emailOf("slow")).toBe("slow@example.com");
  });
});

describe("what outlives what", () => {
  const changePassword = (who: Visitor) =>
    who.submit("/settings", "/settings/password", { current_password: "correct horse", password: "another horse", password2: "another horse" });

  it("a change of address started by someone with the password dies when the owner changes it", async () => {
    const owner = await loggedInVisitor(app, "owner1");
    const intruder = visitor();
    await intruder.login("owner1");
    await changeEmail(intruder, "intruder1@evil.example");
    const link = linkTo("intruder1@evil.example");
    expect((await changePassword(owner)).statusCode).toBe(303);
    expect((await confirmBy(intruder, link)).statusCode).toBe(410);
    expect(await emailOf("owner1")).toBe("owner1@example.com");
  });

  it("…and when the owner logs out everywhere, or resets the password", async () => {
    for (const [name, end] of [
      ["owner2", (who: Visitor) => who.submit("/settings", "/settings/logout_everywhere", {})],
      ["owner3", async () => {
        const already = mailsTo(outbox, "owner3@example.com").length;
        await visitor().submit("/reset_password_request", "/reset_password_request", { email: "owner3@example.com" });
        const reset = (await awaitMailTo(outbox, "owner3@example.com", already)).linkPath!;
        return visitor().submit(reset, reset, { password: "reset horse", password2: "reset horse" });
      }],
    ] as const) {
      const owner = await loggedInVisitor(app, name);
      await changeEmail(owner, `intruder-${name}@evil.example`);
      const link = linkTo(`intruder-${name}@evil.example`);
      expect((await end(owner)).statusCode, name).toBe(303);
      expect((await confirmBy(visitor(), link)).statusCode, name).toBe(410);
      expect(await emailOf(name)).toBe(`${name}@example.com`);
    }
  });

  it("a new account's own link survives a logout everywhere: it can only confirm what is theirs", async () => {
    const who = await unconfirmed("keeper");
    const link = linkTo("keeper@example.com");
    await who.submit("/", "/settings/logout_everywhere", {});
    expect((await confirmBy(visitor(), link)).statusCode).toBe(303);
  });

  it("a reset link dies with a password change, and with a new address; the old address is told of the new one", async () => {
    const owner = await loggedInVisitor(app, "mover2");
    const askReset = async () => {
      const already = mailsTo(outbox, "mover2@example.com").length;
      await visitor().submit("/reset_password_request", "/reset_password_request", { email: "mover2@example.com" });
      return (await awaitMailTo(outbox, "mover2@example.com", already)).linkPath!;
    };
    const first = await askReset();
    await changePassword(owner);
    expect((await visitor().get(first)).statusCode).toBe(410);

    const second = await askReset();
    await changeEmail(owner, "mover2-new@example.com", "another horse");
    expect((await confirmBy(owner, linkTo("mover2-new@example.com"))).statusCode).toBe(303);
    expect((await visitor().get(second)).statusCode).toBe(410);
    const notice = lastMailTo(outbox, "mover2@example.com")!;
    expect(notice.subject).toBe("Your Jot email address was changed");
    expect(notice.text).toContain("is now mover2-new@example.com");
  });

  it("asking for one's own address again calls off a change under way (a typo): the banner's link then goes to the real one", async () => {
    const who = await unconfirmed("typist");
    await changeEmail(who, "typist@exmaple.com");
    expect((await who.get("/settings")).body).toContain("We have sent a link to <strong>typist@exmaple.com</strong>");
    const back = await changeEmail(who, "typist@example.com");
    expect(back.statusCode).toBe(303);
    expect((await who.get("/settings")).body).toContain("The change is called off: your address stays typist@example.com.");
    expect((await who.submit("/", "/verify_email/resend", {})).statusCode).toBe(303);
    expect(lastMailTo(outbox, "typist@example.com")!.text).toContain("Welcome to Jot!");
  });
});

describe("trying addresses through a change of address", async () => {
  const limited = await testApp({ RATE_LIMIT_ACCOUNT_EMAILS: "2/60" });

  it("counts every try towards the limit, so whether an address is taken cannot be asked at will", async () => {
    const who = new Visitor(limited.app);
    await who.register("prober", "correct horse", "prober@example.com");
    await new Visitor(limited.app).register("target1", "correct horse", "target1@example.com");
    await who.login("prober");
    const attempt = () => who.submit("/settings", "/settings/email", { email: "target1@example.com", email_password: "correct horse" });
    expect((await attempt()).statusCode).toBe(422);
    expect((await attempt()).statusCode).toBe(422);
    const third = await attempt();
    expect(third.statusCode).toBe(429);
    expect(third.body).not.toContain("already registered");
  });
});
