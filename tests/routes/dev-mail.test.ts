// Outside production, /dev/mail shows what Jot has mailed, newest first, links ready to click:
// a newcomer confirms an account without opening a file in data/ or reading a log line.
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { OWASP_ARGON2 } from "../../app/config.js";
import { testApp } from "../helpers/app.js";
import { lastMailTo } from "../helpers/outbox.js";
import { projectRoot } from "../helpers/paths.js";

const { app, config, visitor } = await testApp();
const production = await testApp({ NODE_ENV: "production", ARGON2_MEMORY_KIB: String(OWASP_ARGON2.memoryCost), ARGON2_TIME_COST: String(OWASP_ARGON2.timeCost) });
const withSmtp = await testApp({ SMTP_URL: "smtp://127.0.0.1:9" });

describe("GET /dev/mail", () => {
  it("says there is no mail yet, and where it would be", async () => {
    const page = await visitor().get("/dev/mail");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("No mail yet");
    expect(page.body).toContain(`<code>${relative(projectRoot, config.mail.outboxDir)}</code>`);
  });

  it("lists the mail written to the outbox, newest first, each link whole and clickable", async () => {
    await visitor().register("first_mailed", "correct horse", "first@example.com", { confirm: false });
    await visitor().register("second_mailed", "correct horse", "second@example.com", { confirm: false });
    const page = await visitor().get("/dev/mail");
    expect(page.body.indexOf("second@example.com")).toBeLessThan(page.body.indexOf("first@example.com"));
    expect(page.body).toContain("Confirm your email address for Jot");
    // The link as the file holds it, quoted-printable and wrapped: decoded, and whole.
    const link = lastMailTo(config.mail.outboxDir, "first@example.com")!.link!;
    expect(link).toMatch(/\/verify_email\/[\w-]{43}$/);
    expect(page.body).toContain(`<a href="${link}" rel="nofollow ugc noopener noreferrer">${link}</a>`);
    // And a person can follow it: the link's page asks them to confirm.
    expect((await app.inject({ method: "GET", url: new URL(link).pathname })).statusCode).toBe(200);
  });

  it("is linked from every page's footer outside production, and from none in production", async () => {
    expect((await visitor().get("/login")).body).toContain('href="/dev/mail"');
    expect((await production.visitor().get("/login")).body).not.toContain("/dev/mail");
  });

  it("does not exist in production (404)", async () => {
    expect((await production.visitor().get("/dev/mail")).statusCode).toBe(404);
  });

  it("says that mail goes to the SMTP server when there is one", async () => {
    const page = await withSmtp.visitor().get("/dev/mail");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("SMTP_URL");
    expect(page.body).not.toContain("No mail yet");
  });
});
