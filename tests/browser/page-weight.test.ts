import type { Response } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { logInAs, registerAs } from "./helpers/actions.js";
import { newContext } from "./helpers/chromium.js";
import { browserSuite } from "./helpers/suite.js";

const { jot, browser, url, db } = await browserSuite();
const LIMIT_BYTES = 50 * 1024;
const COUNTED = new Set(["document", "stylesheet", "script"]);

beforeAll(async () => {
  const context = await newContext(browser);
  await registerAs(await context.newPage(), jot.baseUrl, "heavy");
  await context.close();
  // Full-length posts of 4-byte characters make the heaviest possible timeline page.
  const author = await db.user.findFirstOrThrow({ where: { username: "heavy" } });
  await db.post.createMany({
    data: Array.from({ length: 30 }, (_, i) => ({ authorId: author.id, body: `${i} ${"😀".repeat(137)}` })),
  });
});

describe("page weight (HTML + CSS + JS, uncompressed)", () => {
  it.each(["/login", "/register", "/", "/user/heavy", "/no/such/page"])("%s stays under 50 KB", async (path) => {
    const context = await newContext(browser);
    const page = await context.newPage();
    if (path !== "/login" && path !== "/register" && path !== "/no/such/page") await logInAs(page, jot.baseUrl, "heavy");
    const responses: Response[] = [];
    page.on("response", (response) => {
      if (COUNTED.has(response.request().resourceType())) responses.push(response);
    });
    await page.goto(url(path), { waitUntil: "load" });
    const sizes = await Promise.all(responses.map(async (r) => (await r.body()).length));
    const total = sizes.reduce((a, b) => a + b, 0);
    // The page, the site's stylesheet and script, and the page's own where it has them (forms.css, say).
    expect([...new Set(responses.map((r) => r.request().resourceType()))].sort()).toEqual(["document", "script", "stylesheet"]);
    expect(total).toBeGreaterThan(1000);
    console.log(`page weight ${path}: ${total}`, responses.map((r, i) => `${new URL(r.url()).pathname} ${sizes[i]}`).join(", "));
    expect(total).toBeLessThanOrEqual(LIMIT_BYTES);
    await context.close();
  });
});
