import { describe, expect, it } from "vitest";
import { publicVersion } from "../../app/plugins/public-files.js";
import { testApp } from "../helpers/app.js";

const { app, visitor } = await testApp();
// A route that fails the way a bug would, to see what a visitor gets.
app.get("/test-only/boom", async () => {
  throw new Error("secret internals at /work/app/thing.ts:12");
});

describe("error pages", () => {
  it("answers an unknown URL with a 404 page in the site's look", async () => {
    const res = await visitor().get("/no/such/page");
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toMatch(/text\/html/);
    expect(res.body).toContain("Page not found");
    expect(res.body).toContain(`href="/static/css/site.css?v=${publicVersion()}"`);
  });

  it("asks for the stylesheet and script by the version of public/'s files, which the static files serve", async () => {
    const page = (await visitor().get("/login")).body;
    const version = publicVersion();
    expect(version).toMatch(/^[0-9a-f]{16}$/);
    expect(page).toContain(`<script src="/static/js/site.js?v=${version}" defer></script>`);
    const script = await visitor().get(`/static/js/site.js?v=${version}`);
    expect(script.statusCode).toBe(200);
    expect(script.body).toContain("Link copied.");
  });

  it("answers a crash with a 500 page that shows a reference, never the error", async () => {
    const res = await visitor().get("/test-only/boom");
    expect(res.statusCode).toBe(500);
    expect(res.body).toContain("Something went wrong");
    expect(res.body).toMatch(/Reference: <code>req-[\w-]+<\/code>/);
    expect(res.body).not.toContain("secret internals");
    expect(res.body).not.toContain("thing.ts");
  });

  it("answers an unreadable form type with a 4xx page, not a crash", async () => {
    const res = await app.inject({ method: "POST", url: "/login", headers: { "content-type": "application/xml" }, payload: "<a/>" });
    expect(res.statusCode).toBe(415);
    expect(res.body).toContain('class="site-header"');
  });

  it("answers a malformed or over-long URL with an HTML page, not Fastify's JSON", async () => {
    for (const [url, status] of [["/user/%E0%A4%A", 400], [`/user/${"a".repeat(150)}`, 414]] as const) {
      const res = await visitor().get(url);
      expect(res.statusCode).toBe(status);
      expect(res.headers["content-type"]).toMatch(/text\/html/);
      expect(res.body).toContain('class="site-header"');
      expect(res.body).not.toContain("FST_ERR");
      expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    }
  });

  it("answers other methods on unknown URLs with 404, and keeps the CSRF message for forms", async () => {
    for (const method of ["PUT", "DELETE", "PATCH"] as const) {
      expect((await app.inject({ method, url: "/no/such/thing" })).statusCode).toBe(404);
    }
    const folder = await visitor().get("/static/css/");
    expect(folder.statusCode).toBe(403);
    expect(folder.body).not.toContain("This form has expired");
  });

  it("answers malformed JSON with 400, not 500", async () => {
    const res = await app.inject({ method: "POST", url: "/login", headers: { "content-type": "application/json" }, payload: "{" });
    expect(res.statusCode).toBe(400);
  });
});

describe("security headers", () => {
  it.each(["/login", "/static/css/site.css", "/no/such/page"])("%s carries a strict CSP and anti-framing headers", async (url) => {
    const res = await visitor().get(url);
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });
});

describe("static files", () => {
  it("serves the stylesheet and script with cache headers", async () => {
    for (const url of ["/static/css/site.css", "/static/js/site.js"]) {
      const res = await visitor().get(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers["cache-control"]).toMatch(/max-age=\d+/);
    }
  });

  it("keeps pages out of shared caches", async () => {
    expect((await visitor().get("/login")).headers["cache-control"]).toBe("no-store");
  });
});

describe("templates", () => {
  it("have no inline script or style, ready for a strict Content-Security-Policy", async () => {
    const page = await visitor().get("/register");
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page.body).not.toMatch(/\sstyle=/);
    expect(page.body).not.toMatch(/<style/);
  });
});

describe("compression", () => {
  it.each(["/static/css/site.css", "/login"])("compresses %s for clients that accept it", async (url) => {
    const res = await app.inject({ method: "GET", url, headers: { "accept-encoding": "br, gzip" } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-encoding"]).toMatch(/^(br|gzip)$/);
  });
});
