import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { logInAs, pathOf, registerAs } from "./helpers/actions.js";
import { WatchedPage, andWait, newContext } from "./helpers/chromium.js";
import { snap } from "./helpers/screenshots.js";
import { browserSuite } from "./helpers/suite.js";

const { jot, browser, url, addPosts, db } = await browserSuite();

beforeAll(async () => {
  const context = await newContext(browser);
  for (const name of ["reader", "keyboarder", "writer", "quiet"]) await registerAs(await context.newPage(), jot.baseUrl, name);
  await context.close();
  await db.user.update({ where: { usernameKey: "writer" }, data: { aboutMe: "Writes short things <b>boldly</b>." } });
  // The writer's newest post is three minutes old.
  await addPosts("writer", 3, Date.now() - 2 * 60_000);
});

/** Counts the popover fetches a page makes. */
function countPopups(page: Page): { count: number } {
  const seen = { count: 0 };
  page.on("request", (request) => {
    if (request.url().endsWith("/popup")) seen.count++;
  });
  return seen;
}

/** Presses Tab until the focused element matches `selector` (bounded). */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let presses = 0; presses < 60; presses++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

describe("following, in a real browser", () => {
  it("a new user's empty feed points to Explore; following there fills the feed", async () => {
    const context = await newContext(browser);
    const watched = await WatchedPage.open(context);
    const { page } = watched;
    await logInAs(page, jot.baseUrl, "reader");
    await expect(page.locator(".empty-state").textContent()).resolves.toContain("Your feed is empty");
    // Who posted lately, to follow from here.
    await expect(page.locator(".empty-state .person-name").allTextContents()).resolves.toContain("writer");
    await snap(page, "social-empty-feed");
    await andWait(page, page.getByRole("link", { name: "find people to follow on Explore" }).click());
    expect(pathOf(page)).toBe("/explore");
    await expect(page.locator("nav.nav a[aria-current=page]").textContent()).resolves.toBe("Explore");

    await andWait(page, page.locator("a.user-link", { hasText: "writer" }).first().click());
    await snap(page, "social-profile-other");
    await andWait(page, page.getByRole("button", { name: "Follow writer" }).click());
    await expect(page.locator(".flash").textContent()).resolves.toBe("You are following writer.");
    await andWait(page, page.getByRole("link", { name: "Home" }).click());
    await expect(page.locator(".post-meta .user-link").allTextContents()).resolves.toEqual(["writer", "writer", "writer"]);
    await snap(page, "social-feed");
    expect(watched.problems).toEqual([]);
    await context.close();
  });

  it("follows from the popover with the keyboard alone, and Escape closes it", async () => {
    const context = await newContext(browser);
    const watched = await WatchedPage.open(context);
    const { page } = watched;
    await logInAs(page, jot.baseUrl, "keyboarder");
    await page.goto(url("/explore"));

    await tabTo(page, "a.user-link");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("writer");
    await page.locator(".popover .profile-card").waitFor();
    await expect(page.locator(".popover .about-me").textContent()).resolves.toBe("Writes short things <b>boldly</b>.");
    await page.screenshot({ path: join(import.meta.dirname, "screenshots", "social-popover-desktop.png") });

    // Escape closes the card and keeps focus on the name, which does not reopen it at once.
    await page.keyboard.press("Escape");
    await expect(page.locator(".popover").count()).resolves.toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("writer");
    await page.waitForTimeout(800);
    await expect(page.locator(".popover").count()).resolves.toBe(0);

    // Away and back: the card opens again, and Tab walks into it, to its Follow button.
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Tab");
    await page.locator(".popover .profile-card").waitFor();
    await tabTo(page, ".popover button");
    await expect(page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).resolves.toBe("Follow writer");
    // The pointer passing by does not pull the card from under the keyboard's focus.
    await page.locator("a.user-link").first().hover();
    await page.locator("h1").hover();
    await page.waitForTimeout(700);
    await expect(page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).resolves.toBe("Follow writer");
    await andWait(page, page.keyboard.press("Enter"));
    // Back where the form was (PRG), with the news.
    expect(pathOf(page)).toBe("/explore");
    await expect(page.locator(".flash").textContent()).resolves.toBe("You are following writer.");
    expect(await db.follow.count({ where: { follower: { usernameKey: "keyboarder" }, followed: { usernameKey: "writer" } } })).toBe(1);
    expect(watched.problems).toEqual([]);
    await context.close();
  });

  it("opens no card, and fetches nothing, when the pointer passes over a name in under half a second", async () => {
    const context = await newContext(browser);
    const watched = await WatchedPage.open(context);
    const { page } = watched;
    await logInAs(page, jot.baseUrl, "quiet");
    // The page's clock is stopped and moved by hand, so a busy machine cannot stretch the 200 ms.
    await page.clock.install();
    await page.goto(url("/explore"));
    await page.clock.pauseAt(Date.now() + 60_000);
    const popups = countPopups(page);
    await page.locator("a.user-link").first().hover();
    await page.clock.runFor(200);
    await page.locator("h1").hover();
    await page.clock.runFor(700);
    expect(popups.count).toBe(0);
    await expect(page.locator(".popover").count()).resolves.toBe(0);

    // Resting on it does open it; moving away closes it.
    await page.locator("a.user-link").first().hover();
    await page.clock.runFor(700);
    await page.locator(".popover .profile-card").waitFor();
    expect(popups.count).toBe(1);
    await page.locator("h1").hover();
    await page.clock.runFor(700);
    await page.locator(".popover").waitFor({ state: "detached" });
    expect(watched.problems).toEqual([]);
    await context.close();
  });
  it("keeps the card inside a phone's screen", async () => {
    const context = await newContext(browser, { viewport: { width: 390, height: 800 } });
    const watched = await WatchedPage.open(context);
    const { page } = watched;
    await logInAs(page, jot.baseUrl, "quiet");
    await page.goto(url("/user/writer/followers"));
    await page.locator("a.user-link").last().hover();
    const card = page.locator(".popover");
    await card.locator(".profile-card").waitFor();
    const box = (await card.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(import.meta.dirname, "screenshots", "social-popover-phone.png") });
    expect(watched.problems).toEqual([]);
    await context.close();
  });
});

describe("times", () => {
  it("reads as relative time with the full local date on hover, and as UTC text without JavaScript", async () => {
    const context = await newContext(browser, { locale: "en-US", timezoneId: "Pacific/Auckland" });
    const page = (await WatchedPage.open(context)).page;
    await logInAs(page, jot.baseUrl, "quiet");
    await page.goto(url("/user/writer"));
    const newest = page.locator(".post time").first();
    // Three minutes old when the file started; more if the machine is slow today.
    await expect(newest.textContent()).resolves.toMatch(/^([3-9]|\d\d) minutes ago$/);
    await expect(newest.getAttribute("title")).resolves.toMatch(/^\w+day, \w+ \d{1,2}, \d{4} at \d{1,2}:\d{2}\s[AP]M$/);
    await expect(page.locator(".profile-dates time").first().textContent()).resolves.toMatch(/^\w{3} \d{1,2}, \d{4}$/);
    await context.close();

    const plain = await newContext(browser, { javaScriptEnabled: false });
    const noScript = await plain.newPage();
    await logInAs(noScript, jot.baseUrl, "quiet");
    await noScript.goto(url("/user/writer"));
    await expect(noScript.locator(".post time").first().textContent()).resolves.toMatch(/^\d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC$/);
    // Without JavaScript a name is a plain link to the profile.
    await andWait(noScript, noScript.locator("a.user-link").first().click());
    expect(pathOf(noScript)).toBe("/user/writer");
    await plain.close();
  });
});

describe("screenshots of every page, light and dark", () => {
  it.each(["light", "dark"] as const)("%s", async (colorScheme) => {
    const context = await newContext(browser, { colorScheme });
    const watched = await WatchedPage.open(context);
    const { page } = watched;
    await page.goto(url("/login"));
    await snap(page, `page-${colorScheme}-login`);
    await page.goto(url("/register"));
    await snap(page, `page-${colorScheme}-register`);
    await logInAs(page, jot.baseUrl, "writer");
    for (const [name, path] of [
      ["home", "/"],
      ["explore", "/explore"],
      ["profile", "/user/writer"],
      ["followers", "/user/writer/followers"],
      ["following", "/user/reader/following"],
      ["edit-profile", "/edit_profile"],
      ["settings", "/settings"],
      ["delete-account", "/settings/delete"],
      ["conversation", "/messages/reader"],
      ["messages", "/messages"],
      ["notifications", "/notifications"],
      ["not-found", "/user/nobody"],
    ] as const) {
      await page.goto(url(path));
      await snap(page, `page-${colorScheme}-${name}`);
    }
    expect(watched.problems).toEqual([]);
    await context.close();
  });
});

describe("the bar: a tab bar on a phone, a rail on a desktop", () => {
  /** The reader has an unread message: the badge is what used to push the bar onto a second line. */
  async function sendToReader(): Promise<void> {
    const sending = await newContext(browser);
    const quiet = await sending.newPage();
    await logInAs(quiet, jot.baseUrl, "quiet");
    await quiet.goto(url("/messages/reader"));
    await quiet.getByLabel("Message reader").fill("Are you there?");
    await andWait(quiet, quiet.getByRole("button", { name: "Send" }).click());
    await sending.close();
  }

  it("on a phone, five tabs on one row at the foot of the screen, as tall with the badge as without; the profile menu opens above it, and closes on Escape or a click elsewhere", async () => {
    const context = await newContext(browser, { viewport: { width: 390, height: 800 } });
    const watched = await WatchedPage.open(context);
    const { page } = watched;
    await logInAs(page, jot.baseUrl, "reader");
    const bar = page.locator("nav.nav");
    const before = (await bar.boundingBox())!;
    await sendToReader();
    await page.reload();
    await expect(page.locator("#unread-badge").isVisible()).resolves.toBe(true);
    const after = (await bar.boundingBox())!;
    expect(after.height).toBe(before.height);
    expect(Math.round(after.y + after.height)).toBe(800);
    const tabs = await page.locator(".nav-links > li").evaluateAll((items) => items.map((item) => item.getBoundingClientRect()).map((box) => Math.round(box.top)));
    expect(tabs).toHaveLength(5);
    expect(new Set(tabs).size, `tops ${tabs.join(", ")}`).toBe(1);
    await expect(page.locator(".nav-label").allTextContents()).resolves.toEqual(["Home", "Explore", "Notifications", "Messages", "Profile"]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const menu = page.locator(".nav-menu details");
    await page.locator(".nav-menu summary").click();
    await expect(menu.getAttribute("open")).resolves.toBe("");
    const settings = page.getByRole("link", { name: "Settings" });
    await expect(settings.isVisible()).resolves.toBe(true);
    const item = (await settings.boundingBox())!;
    expect(item.y + item.height).toBeLessThanOrEqual(after.y);
    expect(item.x + item.width).toBeLessThanOrEqual(390);
    await snap(page, "nav-menu-open");
    await page.keyboard.press("Escape");
    await expect(menu.getAttribute("open")).resolves.toBeNull();
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe("SUMMARY");
    await page.locator(".nav-menu summary").click();
    await page.locator("h1").click();
    await expect(menu.getAttribute("open")).resolves.toBeNull();
    expect(watched.problems).toEqual([]);
    await context.close();
  });

  it("on a desktop, a rail on the left with the destinations named, and the page's column in the same place on every page", async () => {
    const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
    const watched = await WatchedPage.open(context);
    const { page } = watched;
    await logInAs(page, jot.baseUrl, "reader");
    const rail = (await page.locator(".site-header").boundingBox())!;
    const main = (await page.locator("main").boundingBox())!;
    expect(rail.x + rail.width).toBeLessThanOrEqual(main.x);
    await expect(page.getByRole("link", { name: "Explore" }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("link", { name: "Post", exact: true }).isVisible()).resolves.toBe(true);
    for (const path of ["/explore", "/settings", "/messages", "/notifications", "/user/writer"]) {
      await page.goto(url(path));
      const box = (await page.locator("main").boundingBox())!;
      expect([box.x, box.width], path).toEqual([main.x, main.width]);
    }
    expect(watched.problems).toEqual([]);
    await context.close();
  });
});
