// Mail through a real SMTP server (SMTP_URL), and what a user sees when it cannot be sent: the
// account is made all the same, no link is left behind that never went out, and nothing is a 500.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/free-port.js";
import { testApp } from "../helpers/app.js";
import { sideDoor } from "../helpers/posts.js";
import { Visitor } from "../helpers/visitor.js";

interface Received {
  from: string;
  to: string[];
  data: string;
}

const received: Received[] = [];
const smtp = new SMTPServer({
  // Plain SMTP on the loopback, as a local relay would take it.
  secure: false,
  disabledCommands: ["STARTTLS", "AUTH"],
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      received.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
        to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        data: Buffer.concat(chunks).toString("utf8"),
      });
      callback();
    });
  },
});
smtp.listen(0, "127.0.0.1");
await once(smtp.server, "listening");
const smtpPort = (smtp.server.address() as AddressInfo).port;
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

const delivering = await testApp({ SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_FROM: "Jot <no-reply@jot.test>" });
// Nothing listens on this port: every mail fails to connect.
const failing = await testApp({ SMTP_URL: `smtp://127.0.0.1:${await freePort()}` });
const failingDb = (await sideDoor(failing.config)).db;

describe("with an SMTP server", () => {
  it("hands it the confirmation mail of a new account: from MAIL_FROM, to the address, with the link", async () => {
    const res = await new Visitor(delivering.app).register("smtpuser", "correct horse", "smtpuser@example.com", { confirm: false });
    expect(res.statusCode).toBe(303);
    const mail = received.find((r) => r.to.includes("smtpuser@example.com"))!;
    expect(mail.from).toBe("no-reply@jot.test");
    expect(mail.data).toMatch(/^Subject: Confirm your email address for Jot$/m);
    expect(mail.data).toMatch(/^From: Jot <no-reply@jot\.test>$/m);
    const link = /http:\/\/jot\.test\/verify_email\/[A-Za-z0-9_-]{43}/.exec(mail.data.replace(/=\r?\n/g, ""))![0];
    // The link works: the mail carried a real one.
    const path = new URL(link).pathname;
    expect((await new Visitor(delivering.app).submit(path, path, {})).headers.location).toBe("/login");
  });
});

describe("when mail cannot be sent", () => {
  it("still makes the account, says the mail did not go, and leaves no link behind; the banner can try again", async () => {
    const who = new Visitor(failing.app);
    const res = await who.register("unlucky", "correct horse", "unlucky@example.com", { confirm: false });
    expect(res.statusCode).toBe(303);
    expect((await who.get("/login")).body).toContain("We could not send the email that confirms your address: sign in and ask for it again.");
    expect(await failingDb.user.count({ where: { usernameKey: "unlucky" } })).toBe(1);
    expect(await failingDb.accountToken.count({ where: { user: { usernameKey: "unlucky" } } })).toBe(0);
    await who.login("unlucky");
    const again = await who.submit("/", "/verify_email/resend", {});
    expect(again.statusCode).toBe(303);
    expect((await who.get("/")).body).toContain("We could not send the email just now. Please try again in a moment.");
  });

  it("answers a reset request as always (whether an address has an account is never told), and takes the unsent link back", async () => {
    const res = await new Visitor(failing.app).submit("/reset_password_request", "/reset_password_request", { email: "unlucky@example.com" });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/login");
    // The link is made and the mail tried at a moment of chance within a second after the answer
    // (app/routes/password-reset.ts); past it, the link goes when the mail fails.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await expect.poll(() => failingDb.accountToken.count({ where: { purpose: "reset" } }), { timeout: 5000 }).toBe(0);
  });

  it("keeps the old address when the link to a new one cannot be sent", async () => {
    const who = new Visitor(failing.app);
    await who.login("unlucky");
    const res = await who.submit("/settings", "/settings/email", { email: "elsewhere@example.com", email_password: "correct horse" });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('id="email-error">We could not send the email just now.');
    expect(res.body).toContain('value="elsewhere@example.com"');
    expect(await failingDb.accountToken.count({ where: { purpose: "verify" } })).toBe(0);
    expect((await failingDb.user.findUniqueOrThrow({ where: { usernameKey: "unlucky" } })).email).toBe("unlucky@example.com");
  });
});
