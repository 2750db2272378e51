import { describe, expect, it } from "vitest";
import { testApp } from "../helpers/app.js";

const { app } = await testApp();
const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: "GET", url, headers });

describe("GET /avatar/v1/:id.svg", () => {
  it("serves an SVG, cacheable for a year, with an ETag, to anyone", async () => {
    const res = await get("/avatar/v1/42.svg");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("image/svg+xml");
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(res.headers.etag).toBe('"v1-42"');
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.body).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*>.*<\/svg>$/);
  });

  it("answers a matching If-None-Match with 304 and no body", async () => {
    const res = await get("/avatar/v1/42.svg", { "if-none-match": '"v1-42"' });
    expect(res.statusCode).toBe(304);
    expect(res.body).toBe("");
    expect((await get("/avatar/v1/42.svg", { "if-none-match": '"v1-43"' })).statusCode).toBe(200);
    // A list, or the tag marked weak (as a proxy that compressed it may send it back), matches too.
    expect((await get("/avatar/v1/42.svg", { "if-none-match": '"v1-1", W/"v1-42"' })).statusCode).toBe(304);
  });

  it("draws the same picture for the same id and another for another", async () => {
    const a = (await get("/avatar/v1/7.svg")).body;
    expect((await get("/avatar/v1/7.svg")).body).toBe(a);
    expect((await get("/avatar/v1/8.svg")).body).not.toBe(a);
  });

  it("answers anything but a version and a positive 32-bit id with 404", async () => {
    for (const url of ["/avatar/v2/1.svg", "/avatar/v1/1-banner.png", "/avatar/v1/1-bannerx.svg", "/avatar/v1/-banner.svg", "/avatar/v1/0.svg", "/avatar/v1/01.svg", "/avatar/v1/-1.svg", "/avatar/v1/2147483648.svg", "/avatar/v1/1.png", "/avatar/v1/abc.svg", "/avatar/v1/%3Cscript%3E.svg"]) {
      expect((await get(url)).statusCode, url).toBe(404);
    }
  });

  it("draws a profile's banner in the avatar's own colour, cached as the avatar is", async () => {
    const banner = await get("/avatar/v1/7-banner.svg");
    expect(banner.statusCode).toBe(200);
    expect(banner.headers["content-type"]).toBe("image/svg+xml");
    expect(banner.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(banner.headers.etag).toBe('"v1-7-banner"');
    const hue = /fill="hsl\((\d+) 55% 38%\)"/.exec((await get("/avatar/v1/7.svg")).body)![1];
    expect(banner.body).toContain(`<stop stop-color="hsl(${hue} 55% 38%)"/>`);
    expect((await get("/avatar/v1/8-banner.svg")).body).not.toBe(banner.body);
  });
});
