// The README's picture of Jot (docs/screenshot.png), taken of the same scene every run: when the
// look changes, the picture is written again, ready to be committed with the change.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { MessageRepository } from "../../app/repositories/message-repository.js";
import { projectRoot } from "../../app/paths.js";
import { logInAs, registerAs } from "./helpers/actions.js";
import { WatchedPage, newContext } from "./helpers/chromium.js";
import { browserSuite } from "./helpers/suite.js";

const PICTURE = join(projectRoot, "docs", "screenshot.png");
/** Share of pixels that may differ (text anti-aliasing) before the picture counts as a new look. */
const SAME_LOOK = 0.005;

const { jot, browser, db } = await browserSuite();

/** The demo users' posts, oldest first, with how many minutes ago each was written. */
const POSTS: [string, string, number][] = [
  ["miguel", "Flask taught me this app; now it runs on Fastify.", 190],
  ["susan", "Beautiful day in Portland!", 150],
  ["john", "The Avengers movie was so cool!", 95],
  ["susan", "Reading about keyset pagination: https://use-the-index-luke.com/no-offset Clever stuff.", 42],
  ["miguel", "Short posts, long thoughts.", 18],
  ["john", "Anyone else writing Eta templates today? #typescript #webdev", 6],
];

beforeAll(async () => {
  const context = await newContext(browser);
  for (const name of ["susan", "john", "miguel"]) await registerAs(await context.newPage(), jot.baseUrl, name);
  await context.close();
  const users = await db.user.findMany();
  const id = (name: string) => users.find((user) => user.username === name)!.id;
  for (const [author, body, minutes] of POSTS) {
    await db.post.create({ data: { authorId: id(author), body, createdAt: new Date(Date.now() - minutes * 60_000) } });
    await db.user.update({ where: { id: id(author) }, data: { postCount: { increment: 1 } } });
  }
  // Two likes on susan's link, as the seed gives them.
  const linked = await db.post.findFirstOrThrow({ where: { body: { contains: "keyset" } } });
  await db.like.createMany({ data: ["john", "miguel"].map((name) => ({ userId: id(name), postId: linked.id })) });
  await db.post.update({ where: { id: linked.id }, data: { likeCount: 2 } });
  await db.follow.createMany({ data: [{ followerId: id("susan"), followedId: id("john") }, { followerId: id("susan"), followedId: id("miguel") }] });
  await new MessageRepository(db).add({ senderId: id("john"), recipientId: id("susan"), body: "Lunch at noon?" });
});

/** The share of pixels of two PNGs of one size that differ visibly, compared by the browser itself (on a blank page, outside Jot's CSP). */
async function differingShare(page: Page, before: Buffer, after: Buffer): Promise<number> {
  return page.evaluate(
    async ([a, b]) => {
      const pixels = async (base64: string) => {
        const image = await createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob());
        const canvas = new OffscreenCanvas(image.width, image.height);
        const context = canvas.getContext("2d")!;
        context.drawImage(image, 0, 0);
        return context.getImageData(0, 0, image.width, image.height);
      };
      const [one, two] = [await pixels(a), await pixels(b)];
      if (one.width !== two.width || one.height !== two.height) return 1;
      let differing = 0;
      for (let i = 0; i < one.data.length; i += 4) {
        if ([0, 1, 2].some((channel) => Math.abs(one.data[i + channel]! - two.data[i + channel]!) > 24)) differing++;
      }
      return differing / (one.width * one.height);
    },
    [before.toString("base64"), after.toString("base64")] as const,
  );
}

describe("the README's screenshot", () => {
  it("shows susan's feed with the people she follows and an unread message, and is written again when the look has changed", async () => {
    const context = await newContext(browser, { viewport: { width: 1280, height: 760 }, colorScheme: "light" });
    const watched = await WatchedPage.open(context);
    const { page } = watched;
    await logInAs(page, jot.baseUrl, "susan");
    await page.getByLabel("Say something").fill("Trying Jot: the feed, the popover, live messages.");
    await expect(page.locator(".post-meta .user-link").allTextContents()).resolves.toEqual([...POSTS].reverse().map(([author]) => author));
    await expect(page.locator("#unread-badge").textContent()).resolves.toContain("1");
    await expect(page.locator(".post time").first().textContent()).resolves.toBe("6 minutes ago");
    const taken = await page.screenshot({ caret: "hide" });

    const blank = await context.newPage();
    const share = existsSync(PICTURE) ? await differingShare(blank, readFileSync(PICTURE), taken) : 1;
    if (share > SAME_LOOK) {
      writeFileSync(PICTURE, taken);
      console.log(`docs/screenshot.png written again: ${(share * 100).toFixed(1)} % of its pixels changed (commit it with the change of look)`);
    }
    expect(await differingShare(blank, readFileSync(PICTURE), taken)).toBeLessThanOrEqual(SAME_LOOK);
    expect(watched.problems).toEqual([]);
    await context.close();
  });
});
