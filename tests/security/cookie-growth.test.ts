// A client that posts forms in a loop without following their redirects queues a message each
// time: the session keeps only the newest few, so its cookie stays small whatever a client does
// (past 4 KB browsers drop it; past 16 KB Node refuses every request that carries it).
import { describe, expect, it } from "vitest";
import { MOST_FLASHES, SESSION_COOKIE } from "../../app/plugins/session.js";
import { testApp } from "../helpers/app.js";
import { csrfTokenIn } from "../helpers/visitor.js";

const { visitor } = await testApp();

describe("flash messages", () => {
  it(`120 reset requests on one cookie, never following a redirect: the cookie stays under 1 KB and the next page shows the newest ${MOST_FLASHES}`, async () => {
    const client = visitor();
    const token = csrfTokenIn((await client.get("/reset_password_request")).body);
    let largest = 0;
    for (let i = 0; i < 120; i++) {
      const res = await client.post("/reset_password_request", { _csrf: token, email: `someone${i}@example.com` });
      expect(res.statusCode).toBe(303);
      const setCookie = [res.headers["set-cookie"] ?? []].flat().find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? "";
      largest = Math.max(largest, setCookie.length);
    }
    console.log(`largest Set-Cookie after 120 unread flashes: ${largest} bytes`);
    expect(largest).toBeGreaterThan(0);
    expect(largest).toBeLessThan(1024);
    const page = await client.get("/login");
    expect(page.body.match(/If that address belongs to a Jot account/g)).toHaveLength(MOST_FLASHES);
  });
});
