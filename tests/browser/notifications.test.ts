import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { logInAs, registerAs, fromProfileMenu } from "./helpers/actions.js";
import { WatchedPage, andWait, newContext } from "./helpers/chromium.js";
import { snap } from "./helpers/screenshots.js";
import { browserSuite } from "./helpers/suite.js";

const { jot, browser, url, db } = await browserSuite();
const PUSHED_WITHIN_MS = 2000;

beforeAll(async () => {
  const context = await newContext(browser);
  for (const name of ["ann", "bea"]) await registerAs(await context.newPage(), jot.baseUrl, name);
  await context.close();
});

beforeEach(async () => {
  await db.message.deleteMany();
  await db.chat.deleteMany();
  await db.follow.deleteMany();
});

/** A browser (its own cookies) logged in as `username`, with one watched tab. */
async function loggedIn(username: string, javaScriptEnabled = true): Promise<{ context: BrowserContext; tab: WatchedPage }> {
  const context = await newContext(browser, { javaScriptEnabled });
  const tab = await WatchedPage.open(context);
  await logInAs(tab.page, jot.baseUrl, username);
  return { context, tab };
}

/** Writes `text` in the conversation with `to`, and sees it there, on the right. */
async function sendMessage(page: Page, to: string, text: string): Promise<void> {
  await page.goto(url(`/messages/${to}`));
  await page.getByLabel(`Message ${to}`).fill(text);
  await andWait(page, page.getByRole("button", { name: "Send" }).click());
  await expect(page.locator(".bubble--mine .bubble__text").last().textContent()).resolves.toBe(text);
}

const badge = (page: Page) => page.locator("#unread-badge");

describe("live notifications, in a real browser", () => {
  it("B's badge shows 1 within 2 s of A's message, with no reload; opening the conversation in another tab clears it in both", async () => {
    const ann = await loggedIn("ann");
    const bea = await loggedIn("bea");
    const first = bea.tab.page;
    await expect(badge(first).isVisible()).resolves.toBe(false);
    let reloads = 0;
    first.on("framenavigated", (frame) => frame === first.mainFrame() && reloads++);

    await sendMessage(ann.tab.page, "bea", "Are you there?");
    await badge(first).getByText("1", { exact: true }).waitFor({ timeout: PUSHED_WITHIN_MS });
    await expect(badge(first).textContent()).resolves.toBe("1 unread");
    await expect(first.locator(".live-notice").textContent()).resolves.toBe("New message from ann");
    await snap(first, "notifications-badge");

    // A second tab: it shows the count from the page, and hears the next message through the first.
    const second = await WatchedPage.open(bea.context);
    await second.page.goto(url("/explore"));
    await expect(badge(second.page).textContent()).resolves.toBe("1 unread");
    await sendMessage(ann.tab.page, "bea", "Hello?");
    for (const page of [first, second.page]) await badge(page).getByText("2", { exact: true }).waitFor({ timeout: PUSHED_WITHIN_MS });

    // The list reads nothing: it shows the conversation waiting, with its count.
    await andWait(second.page, second.page.getByRole("link", { name: /^Messages/ }).click());
    await expect(second.page.locator(".conversation--unread .conversation__unread").textContent()).resolves.toBe("2 unread");
    await expect(badge(second.page).textContent()).resolves.toBe("2 unread");
    await snap(second.page, "messages-list");
    await andWait(second.page, second.page.locator(".conversation__link").first().click());
    await expect(second.page.locator(".bubble--theirs .bubble__text").allTextContents()).resolves.toEqual(["Are you there?", "Hello?"]);
    await expect(badge(second.page).isVisible()).resolves.toBe(false);
    await badge(first).waitFor({ state: "hidden", timeout: PUSHED_WITHIN_MS });
    expect(reloads).toBe(0);
    expect([...ann.tab.problems, ...bea.tab.problems, ...second.problems]).toEqual([]);
    await Promise.all([ann.context.close(), bea.context.close()]);
  });

  it("after a logout and a login again, live news still arrives: no tab left over from the old login keeps the stream to itself", async () => {
    const ann = await loggedIn("ann");
    const bea = await loggedIn("bea");
    const first = bea.tab.page;
    const second = await WatchedPage.open(bea.context);
    await second.page.goto(url("/explore"));
    await fromProfileMenu(first, "Sign out");
    await logInAs(first, jot.baseUrl, "bea");
    await sendMessage(ann.tab.page, "bea", "Still there?");
    await badge(first).getByText("1", { exact: true }).waitFor({ timeout: 10_000 });
    await expect(first.locator(".live-notice").textContent()).resolves.toBe("New message from ann");
    await Promise.all([ann.context.close(), bea.context.close()]);
  });

  it("shows a message in the open conversation as it arrives, with no notice and nothing left unread", async () => {
    const ann = await loggedIn("ann");
    const bea = await loggedIn("bea");
    await sendMessage(ann.tab.page, "bea", "First");
    const reading = bea.tab.page;
    await reading.goto(url("/messages/ann"));
    await expect(reading.locator(".bubble__text").allTextContents()).resolves.toEqual(["First"]);
    await sendMessage(ann.tab.page, "bea", "Second, live");
    await reading.locator(".bubble--theirs .bubble__text", { hasText: "Second, live" }).waitFor({ timeout: PUSHED_WITHIN_MS });
    await expect(reading.locator(".live-notice").count()).resolves.toBe(0);
    await snap(reading, "conversation");
    // It was read as it came: the badge goes, and nothing is left unread.
    await badge(reading).waitFor({ state: "hidden", timeout: PUSHED_WITHIN_MS });
    const chat = await db.chat.findFirstOrThrow({ where: { owner: { usernameKey: "bea" }, other: { usernameKey: "ann" } } });
    expect(chat.unread).toBe(0);
    expect([...ann.tab.problems, ...bea.tab.problems]).toEqual([]);
    await Promise.all([ann.context.close(), bea.context.close()]);
  });

  it("tells of a new follower with a notice linking to them", async () => {
    const ann = await loggedIn("ann");
    const bea = await loggedIn("bea");
    await ann.tab.page.goto(url("/user/bea"));
    await andWait(ann.tab.page, ann.tab.page.getByRole("button", { name: "Follow bea" }).click());
    const notice = bea.tab.page.locator(".live-notice a");
    await notice.waitFor({ timeout: PUSHED_WITHIN_MS });
    await expect(notice.textContent()).resolves.toBe("ann is now following you");
    await expect(notice.getAttribute("href")).resolves.toBe("/user/ann");
    await expect(bea.tab.page.locator("#live-notices").getAttribute("role")).resolves.toBe("status");
    expect(bea.tab.problems).toEqual([]);
    await Promise.all([ann.context.close(), bea.context.close()]);
  });

  it("polls every 30 seconds where there is no EventSource", async () => {
    const ann = await loggedIn("ann");
    const context = await newContext(browser);
    await context.addInitScript(() => {
      delete (window as { EventSource?: unknown }).EventSource;
    });
    const tab = await WatchedPage.open(context);
    await tab.page.clock.install();
    const polls: string[] = [];
    tab.page.on("request", (request) => request.url().includes("/notifications") && polls.push(new URL(request.url()).search));
    const firstPoll = tab.page.waitForResponse((response) => new URL(response.url()).pathname === "/notifications");
    await logInAs(tab.page, jot.baseUrl, "bea");
    await firstPoll;
    await sendMessage(ann.tab.page, "bea", "Polled?");
    await expect(badge(tab.page).isVisible()).resolves.toBe(false);
    await tab.page.clock.runFor(31_000);
    await badge(tab.page).getByText("1", { exact: true }).waitFor({ timeout: PUSHED_WITHIN_MS });
    await expect(tab.page.locator(".live-notice").textContent()).resolves.toBe("New message from ann");
    // Both after the newest notification the page was rendered with: the first found nothing newer, the second the message.
    expect(polls).toHaveLength(2);
    expect(polls[0]).toMatch(/^\?since=\d+$/);
    expect(polls[1]).toBe(polls[0]);
    expect(tab.problems).toEqual([]);
    await Promise.all([ann.context.close(), context.close()]);
  });

  it("shows the count in the page with JavaScript off", async () => {
    const ann = await loggedIn("ann");
    await sendMessage(ann.tab.page, "bea", "Plain HTML");
    const bea = await loggedIn("bea", false);
    await expect(badge(bea.tab.page).textContent()).resolves.toBe("1 unread");
    await Promise.all([ann.context.close(), bea.context.close()]);
  });
});
