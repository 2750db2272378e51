// In production Jot is served over HTTPS (README): browsers are told to keep to it, and the session
// cookie can only be set by this host, over HTTPS.
import { describe, expect, it } from "vitest";
import { OWASP_ARGON2 } from "../../app/config.js";
import { testApp } from "../helpers/app.js";

// Production refuses argon2 costs below OWASP's minimum, so this app hashes at that cost.
const production = await testApp({
  NODE_ENV: "production",
  LOG_LEVEL: "silent",
  ARGON2_MEMORY_KIB: String(OWASP_ARGON2.memoryCost),
  ARGON2_TIME_COST: String(OWASP_ARGON2.timeCost),
});
const development = await testApp({ NODE_ENV: "development", LOG_LEVEL: "silent" });

describe("in production", () => {
  it("sends HSTS for a year, subdomains included, on pages, static files and 404s", async () => {
    for (const url of ["/login", "/static/css/site.css", "/no-such-page"]) {
      const res = await production.visitor().get(url);
      expect(res.headers["strict-transport-security"], url).toBe("max-age=31536000; includeSubDomains");
    }
  });

  it("names the session cookie with the __Host- prefix: Secure, the whole site, no Domain", async () => {
    const res = await production.visitor().get("/login");
    const cookie = res.cookies.find((c) => c.name === "__Host-jot_session");
    expect(cookie).toMatchObject({ path: "/", secure: true, httpOnly: true, sameSite: "Lax" });
    expect(cookie!.domain).toBeUndefined();
    expect(res.cookies.map((c) => c.name)).not.toContain("jot_session");
  });

  it("keeps a login across requests under that name", async () => {
    const visitor = production.visitor();
    expect((await visitor.register("prod")).statusCode).toBe(303);
    expect((await visitor.login("prod")).headers.location).toBe("/");
    expect((await visitor.get("/")).body).toContain("Hi, prod!");
  });
});

describe("in development, served over plain HTTP", () => {
  it("sends no HSTS, and a plain cookie name (a __Host- cookie needs HTTPS)", async () => {
    const res = await development.visitor().get("/login");
    expect(res.headers["strict-transport-security"]).toBeUndefined();
    expect(res.cookies.map((c) => c.name)).toContain("jot_session");
  });
});
