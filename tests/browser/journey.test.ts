import { describe, expect, it } from "vitest";
import { PAGE_SIZE } from "../../app/domain/page.js";
import { WatchedPage, andWait, newContext } from "./helpers/chromium.js";
import { fromProfileMenu, sendAnyway } from "./helpers/actions.js";
import { snap } from "./helpers/screenshots.js";
import { browserSuite } from "./helpers/suite.js";

const { jot, browser, addPosts } = await browserSuite();

describe("the whole journey in Chromium", () => {
  it("register → log in → post (with the counter) → home and profile → paginate → log out", async () => {
    const context = await newContext(browser);
    const watched = await WatchedPage.open(context);
    const { page } = watched;

    await page.goto(`${jot.baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await andWait(page, page.getByRole("link", { name: "Create an account" }).click());
    await snap(page, "journey-01-register");
    await page.getByLabel("Username").fill("jules");
    await page.getByLabel("Email").fill("jules@example.com");
    await page.getByLabel("Password", { exact: true }).fill("correct horse");
    await page.getByLabel("Repeat password").fill("correct horse");
    await andWait(page, page.getByRole("button", { name: "Register" }).click());

    expect(new URL(page.url()).pathname).toBe("/login");
    await expect(page.locator(".flash").textContent()).resolves.toContain("Congratulations, you are now a registered user!");
    await snap(page, "journey-02-login");
    await page.getByLabel("Username").fill("jules");
    await page.getByLabel("Password", { exact: true }).fill("correct horse");
    await andWait(page, page.getByRole("button", { name: "Sign in" }).click());
    expect(new URL(page.url()).pathname).toBe("/");
    await expect(page.locator("h1").textContent()).resolves.toBe("Hi, jules!");

    // Until the mailed link is opened, the composer cannot be used, and says why beside it.
    await expect(page.getByLabel("Say something").isDisabled()).resolves.toBe(true);
    await expect(page.getByRole("button", { name: "Post", exact: true }).isDisabled()).resolves.toBe(true);
    await expect(page.locator("#unconfirmed-notice").textContent()).resolves.toContain("Confirm your email address before you post: open the link we sent to jules@example.com");
    await snap(page, "journey-02b-confirm-first");
    // The mail, as a developer reads it: the footer's link to what Jot has sent, and the link in it.
    await andWait(page, page.getByRole("link", { name: "the mail Jot has sent" }).click());
    await expect(page.locator(".mail").first().textContent()).resolves.toContain("To jules@example.com");
    await snap(page, "journey-02c-dev-mail");
    await andWait(page, page.locator(".mail").first().getByRole("link", { name: /\/verify_email\// }).click());
    await expect(page.locator("main").textContent()).resolves.toContain("Is jules@example.com your address?");
    await snap(page, "journey-02d-confirm-address");
    await andWait(page, page.getByRole("button", { name: "Confirm my address" }).click());
    await expect(page.locator(".flash").textContent()).resolves.toBe("Thank you: jules@example.com is confirmed.");
    expect(await page.locator("#unconfirmed-notice").count()).toBe(0);

    // The counter counts down from 140, emoji as one character, and warns past the limit.
    const box = page.getByLabel("Say something");
    const counter = page.locator("#body-count");
    await expect(counter.textContent()).resolves.toBe("140 characters left");
    await box.fill("Hello 🎉");
    await expect(counter.textContent()).resolves.toBe("133 characters left");
    await box.fill("x".repeat(139));
    await expect(counter.textContent()).resolves.toBe("1 character left");
    await box.fill("x".repeat(141));
    await expect(counter.textContent()).resolves.toBe("\u22121" + "1 character too many");
    await box.fill("x".repeat(145));
    // Shown as "−5", said as words.
    await expect(counter.textContent()).resolves.toBe("\u22125" + "5 characters too many");
    await expect(counter.getAttribute("class")).resolves.toContain("char-count--over");
    await snap(page, "journey-03-counter-over");

    // Post waits; the server still validates what an old tab sends: the over-long text comes back
    // with its error, kept, and the one problem is said once (the count stays quiet while the error is there)...
    await expect(page.getByRole("button", { name: "Post", exact: true }).isDisabled()).resolves.toBe(true);
    await sendAnyway(page, box);
    await expect(page.locator("#body-error").textContent()).resolves.toBe("At most 140 characters.");
    await expect(counter.textContent()).resolves.toBe("");
    await expect(box.inputValue()).resolves.toBe("x".repeat(145));
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("body");
    // ...until the text is edited: then the error is stale, and the count speaks.
    await box.fill("x".repeat(144));
    expect(await page.locator("#body-error").count()).toBe(0);
    await expect(counter.textContent()).resolves.toBe("\u22124" + "4 characters too many");

    await box.fill("My first jot from Chromium");
    await andWait(page, page.getByRole("button", { name: "Post", exact: true }).click());
    await expect(page.locator(".flash").textContent()).resolves.toContain("Your post is now live!");
    await expect(page.locator(".post-body").first().textContent()).resolves.toBe("My first jot from Chromium");
    await snap(page, "journey-04-home");

    await fromProfileMenu(page, "Your profile");
    expect(new URL(page.url()).pathname).toBe("/user/jules");
    await expect(page.locator(".post-body").first().textContent()).resolves.toBe("My first jot from Chromium");
    await snap(page, "journey-05-profile");

    // Enough posts for two pages, then Older → Newer.
    await addPosts("jules", 30, Date.now() - 60_000);
    await andWait(page, page.getByRole("link", { name: "Home" }).click());
    expect(await page.locator(".post").count()).toBe(PAGE_SIZE);
    await andWait(page, page.getByRole("link", { name: /Older posts/ }).click());
    expect(await page.locator(".post").count()).toBe(31 - PAGE_SIZE);
    await expect(page.locator(".post-body").last().textContent()).resolves.toBe("jules post 1");
    await snap(page, "journey-06-older-page");
    await andWait(page, page.getByRole("link", { name: /Newer posts/ }).click());
    expect(await page.locator(".post").count()).toBe(PAGE_SIZE);
    await expect(page.locator(".post-body").first().textContent()).resolves.toBe("My first jot from Chromium");

    await fromProfileMenu(page, "Sign out");
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.goto(`${jot.baseUrl}/user/jules`);
    expect(new URL(page.url()).pathname).toBe("/login");

    expect(watched.problems).toEqual([]);
    await context.close();
  });
});
