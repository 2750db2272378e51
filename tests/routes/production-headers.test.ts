// In production Jot is served over HTTPS (docs/running.md): browsers are told to keep to it, and the session
// cookie can only be set by this host, over HTTPS.
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
let port: number;
beforeAll(async () => {
  port = Number(new URL(await production.app.listen({ host: "127.0.0.1", port: 0 })).port);
});
afterAll(() => production.app.close());

const HSTS = "max-age=31536000; includeSubDomains";

/** Writes `request` on a fresh connection as is, and resolves with the status line and headers of the answer (lower-cased names) and its body. */
function raw(request: string): Promise<{ status: string; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    let answer = "";
    const socket = connect(port, "127.0.0.1", () => socket.write(request));
    socket.setEncoding("utf8");
    socket.setTimeout(5000, () => socket.destroy(new Error("no answer in 5 s")));
    socket.on("data", (chunk: string) => (answer += chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const [head = "", body = ""] = answer.split("\r\n\r\n", 2);
      const [status = "", ...lines] = head.split("\r\n");
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]));
      resolve({ status, headers, body });
    });
  });
}

describe("in production", () => {
  it("sends HSTS for a year, subdomains included, on pages, static files and 404s", async () => {
    for (const url of ["/login", "/static/css/site.css", "/no-such-page"]) {
      const res = await production.visitor().get(url);
      expect(res.headers["strict-transport-security"], url).toBe("max-age=31536000; includeSubDomains");
    }
  });

  it("sends every security header on the framework's own error pages too: a malformed address, an over-long path", async () => {
    for (const [url, status] of [["/%", 400], [`/user/${"a".repeat(200)}`, 414]] as const) {
      const res = await production.app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(status);
      expect(res.headers["strict-transport-security"], url).toBe(HSTS);
      expect(res.headers["content-security-policy"], url).toContain("default-src 'self'");
      expect(res.headers["x-content-type-options"], url).toBe("nosniff");
    }
  });

  it.each([
    ["headers over Node's 16 KB", `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`, "431"],
    ["bytes that are not HTTP", "HELLO THERE\r\n\r\n", "400"],
    ["a request line with a space in its path", "GET /a b c HTTP/1.1\r\nHost: x\r\n\r\n", "400"],
  ])("answers what the HTTP parser refuses (%s) with the error page and every security header", async (_what, request, status) => {
    const answer = await raw(request);
    expect(answer.status).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    expect(answer.headers).toMatchObject({
      "strict-transport-security": HSTS,
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "referrer-policy": "same-origin",
      "content-type": "text/html; charset=utf-8",
      connection: "close",
    });
    expect(answer.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(answer.body).toContain("That did not work");
    expect(Buffer.byteLength(answer.body)).toBe(Number(answer.headers["content-length"]));
  });

  it("writes no error page into a response already under way on the connection: bytes after an open stream only close it", async () => {
    const streamer = production.visitor();
    await streamer.register("streamer");
    await streamer.login("streamer");
    const answer = await new Promise<string>((resolve, reject) => {
      let text = "";
      const socket = connect(port, "127.0.0.1", () =>
        socket.write(`GET /notifications/stream HTTP/1.1\r\nHost: x\r\nCookie: ${streamer.cookieHeader()}\r\n\r\n`),
      );
      socket.setEncoding("utf8");
      socket.setTimeout(5000, () => socket.destroy(new Error("not closed in 5 s")));
      socket.on("data", (chunk: string) => {
        text += chunk;
        // The stream is open and has sent its first event: now bytes that are not HTTP.
        if (text.includes("data: ") && !text.includes("NOT HTTP")) socket.write("NOT HTTP\r\n\r\n"), (text += "NOT HTTP");
      });
      socket.on("error", reject);
      socket.on("close", () => resolve(text));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer).toContain("data: ");
    expect(answer.match(/HTTP\/1\.1 /g)).toHaveLength(1);
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
