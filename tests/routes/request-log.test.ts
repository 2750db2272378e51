// The log of a production server is read by more people than the mail of its users: a link's
// secret, which is in its path, never reaches it.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { buildApp } from "../../app/app.js";
import { testConfig } from "../helpers/config.js";
import { rememberOutbox, lastMailTo } from "../helpers/outbox.js";
import { Visitor } from "../helpers/visitor.js";

describe("the request log", () => {
  it("leaves the secret out of reset and confirmation links, and keeps everything else", async () => {
    const lines: string[] = [];
    const config = await testConfig({ LOG_LEVEL: "info" });
    const sink = new Writable({ write: (chunk, _encoding, done) => done(void lines.push(String(chunk))) });
    const app = await buildApp(config, {}, sink);
    rememberOutbox(app, config.mail.outboxDir);
    try {
      const who = new Visitor(app);
      await who.register("logged", "correct horse", "logged@example.com", { confirm: false });
      const link = lastMailTo(config.mail.outboxDir, "logged@example.com")!.linkPath!;
      const secret = link.split("/").at(-1)!;
      await who.get(link);
      await who.get(`/reset_password/${secret}?x=1`);
      await who.get("/user/logged?before=abc");
      await who.get("/verify_email/resend");
      // (The outbox's own line names the link, on purpose: that is how a developer opens it.)
      const requestLines = lines.filter((line) => line.includes('"req":'));
      const urls = requestLines.map((line) => (JSON.parse(line) as { req: { url: string } }).req.url);
      expect(urls).toContain("/verify_email/…");
      expect(urls).toContain("/reset_password/…?x=1");
      expect(urls).toContain("/user/logged?before=abc");
      expect(urls).toContain("/verify_email/resend");
      expect(requestLines.join("\n")).not.toContain(secret.slice(0, 20));
    } finally {
      await app.close();
    }
  });
});
