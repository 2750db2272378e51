import { describe, expect, it } from "vitest";
import { WatchedPage, andWait, newContext } from "./helpers/chromium.js";
import { mailedLink } from "./helpers/jot-server.js";
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
    await andWait(page, page.getByRole("link", { name: "Register" }).click());
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
    await page.getByLabel("Password").fill("correct horse");
    await andWait(page, page.getByRole("button", { name: "Sign in" }).click());
    expect(new URL(page.url()).pathname).toBe("/");
    await expect(page.locator("h1").textContent()).resolves.toBe("Hi, jules!");

    // Until the mailed link is opened, a banner asks for it and posting is refused beside the box.
    const banner = page.getByRole("region", { name: "Confirm your email address" });
    await expect(banner.textContent()).resolves.toContain("jules@example.com");
    await page.getByLabel("Say something").fill("Too early");
    await andWait(page, page.getByRole("button", { name: "Post" }).click());
    await expect(page.locator("#body-error").textContent()).resolves.toContain("Confirm your email address before you post");
    await expect(page.getByLabel("Say something").inputValue()).resolves.toBe("Too early");
    await snap(page, "journey-02b-confirm-first");
    await page.goto(mailedLink(jot.baseUrl, "jules@example.com"));
    await expect(page.locator("main").textContent()).resolves.toContain("Is jules@example.com your address?");
    await snap(page, "journey-02c-confirm-address");
    await andWait(page, page.getByRole("button", { name: "Confirm my address" }).click());
    await expect(page.locator(".flash").textContent()).resolves.toBe("Thank you: jules@example.com is confirmed.");
    expect(await banner.count()).toBe(0);

    // The counter counts down from 140, emoji as one character, and warns past the limit.
    const box = page.getByLabel("Say something");
    const counter = page.locator("#body-count");
    await expect(counter.textContent()).resolves.toBe("140 characters left");
    await box.fill("Hello 🎉");
    await expect(counter.textContent()).resolves.toBe("133 characters left");
    await box.fill("x".repeat(145));
    await expect(counter.textContent()).resolves.toBe("5 characters too many");
    await expect(counter.getAttribute("class")).resolves.toContain("char-count--over");
    await snap(page, "journey-03-counter-over");

    // The server still validates: the over-long text comes back with its error, kept.
    await andWait(page, page.getByRole("button", { name: "Post" }).click());
    await expect(page.locator("#body-error").textContent()).resolves.toBe("At most 140 characters.");
    await expect(box.inputValue()).resolves.toBe("x".repeat(145));
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("body");

    await box.fill("My first jot from Chromium");
    await andWait(page, page.getByRole("button", { name: "Post" }).click());
    await expect(page.locator(".flash").textContent()).resolves.toContain("Your post is now live!");
    await expect(page.locator(".post-body").first().textContent()).resolves.toBe("My first jot from Chromium");
    await snap(page, "journey-04-home");

    await andWait(page, page.getByRole("link", { name: "Profile" }).click());
    expect(new URL(page.url()).pathname).toBe("/user/jules");
    await expect(page.locator(".post-body").first().textContent()).resolves.toBe("My first jot from Chromium");
    await snap(page, "journey-05-profile");

    // Enough posts for two pages, then Older → Newer.
    await addPosts("jules", 30, Date.now() - 60_000);
    await andWait(page, page.getByRole("link", { name: "Home" }).click());
    expect(await page.locator(".post").count()).toBe(25);
    await andWait(page, page.getByRole("link", { name: /Older posts/ }).click());
    expect(await page.locator(".post").count()).toBe(6);
    await expect(page.locator(".post-body").last().textContent()).resolves.toBe("jules post 1");
    await snap(page, "journey-06-older-page");
    await andWait(page, page.getByRole("link", { name: /Newer posts/ }).click());
    expect(await page.locator(".post").count()).toBe(25);
    await expect(page.locator(".post-body").first().textContent()).resolves.toBe("My first jot from Chromium");

    await andWait(page, page.getByRole("button", { name: "Logout" }).click());
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.goto(`${jot.baseUrl}/user/jules`);
    expect(new URL(page.url()).pathname).toBe("/login");

    expect(watched.problems).toEqual([]);
    await context.close();
  });
});
