import { describe, expect, it } from "vitest";
import { PASSWORD, confirmAddress, focusedId, fromProfileMenu, logInAs, pathOf, registerAs, sendAnyway } from "./helpers/actions.js";
import { WatchedPage, andWait, newContext } from "./helpers/chromium.js";
import { snap } from "./helpers/screenshots.js";
import { browserSuite } from "./helpers/suite.js";

const { jot, browser, url } = await browserSuite();

async function openPage(options = {}) {
  const context = await newContext(browser, options);
  return { context, watched: await WatchedPage.open(context) };
}

describe("form errors in the browser", () => {
  it("register: the rules under the fields from the start; then messages beside the fields, focus on the first error, values kept", async () => {
    const { context, watched } = await openPage();
    const { page } = watched;
    await page.goto(url("/register"));
    await expect(page.locator("#username-hint").textContent()).resolves.toBe("3 to 64 characters: letters, digits, underscores, dots and hyphens.");
    await expect(page.locator("#password-hint").textContent()).resolves.toBe("At least 8 characters.");
    await expect(page.getByLabel("Username").getAttribute("aria-describedby")).resolves.toBe("username-hint");
    // One logo, and no bar repeating the page's own links.
    await expect(page.locator("img[src='/static/img/favicon.svg']").count()).resolves.toBe(1);
    await expect(page.locator("header").count()).resolves.toBe(0);
    await page.getByLabel("Username").fill("bad name!");
    await page.getByLabel("Email").fill("kept@example");
    await page.getByLabel("Password", { exact: true }).fill("short");
    await andWait(page, page.getByRole("button", { name: "Register" }).click());

    await expect(page.locator("#username-error").textContent()).resolves.toMatch(/letters, digits/);
    await expect(page.locator("#email-error").textContent()).resolves.toMatch(/valid email/);
    await expect(page.locator("#password-error").textContent()).resolves.toMatch(/at least 8/);
    // Each message is tied to its field for screen readers, after its rule.
    await expect(page.getByLabel("Username").getAttribute("aria-describedby")).resolves.toBe("username-hint username-error");
    await expect(focusedId(page)).resolves.toBe("username");
    await expect(page.getByLabel("Username").inputValue()).resolves.toBe("bad name!");
    await expect(page.getByLabel("Email").inputValue()).resolves.toBe("kept@example");
    await expect(page.getByLabel("Password", { exact: true }).inputValue()).resolves.toBe("");
    await snap(page, "forms-register-errors");
    expect(watched.problems).toEqual([]);
    await context.close();
  });

  it("register: a later field's error takes the focus when the first fields are fine", async () => {
    const { context, watched } = await openPage();
    const { page } = watched;
    await page.goto(url("/register"));
    await page.getByLabel("Username").fill("focus_case");
    await page.getByLabel("Email").fill("focus@example.com");
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Repeat password").fill("something else");
    await andWait(page, page.getByRole("button", { name: "Register" }).click());
    await expect(page.locator("#password2-error").textContent()).resolves.toBe("Passwords do not match.");
    await expect(focusedId(page)).resolves.toBe("password2");
    expect(watched.problems).toEqual([]);
    await context.close();
  });

  it("login: one message for bad credentials, focus on it, username kept", async () => {
    const { context, watched } = await openPage();
    const { page } = watched;
    await registerAs(page, jot.baseUrl, "forms_user");
    await page.getByLabel("Username").fill("forms_user");
    await page.getByLabel("Password", { exact: true }).fill("not the password");
    await andWait(page, page.getByRole("button", { name: "Sign in" }).click());
    await expect(page.locator("#password-error").textContent()).resolves.toBe("Invalid username or password.");
    await expect(focusedId(page)).resolves.toBe("password");
    await expect(page.getByLabel("Username").inputValue()).resolves.toBe("forms_user");
    await snap(page, "forms-login-error");
    expect(watched.problems).toEqual([]);
    await context.close();
  });

  it("post: Post waits while the box is empty or too long (−3 past the limit); an empty post sent anyway is refused beside the box, which gets the focus", async () => {
    const { context, watched } = await openPage();
    const { page } = watched;
    await logInAs(page, jot.baseUrl, "forms_user");
    const post = page.getByRole("button", { name: "Post", exact: true });
    const box = page.getByLabel("Say something");
    await expect(post.isDisabled()).resolves.toBe(true);
    await box.fill("   ");
    await expect(post.isDisabled()).resolves.toBe(true);
    await box.fill("x".repeat(143));
    await expect(post.isDisabled()).resolves.toBe(true);
    await expect(page.locator("#body-count [aria-hidden=true]").textContent()).resolves.toBe("\u22123");
    await expect(page.locator("#body-count .visually-hidden").textContent()).resolves.toBe("3 characters too many");
    await snap(page, "forms-composer-over");
    await box.fill("x".repeat(140));
    await expect(post.isDisabled()).resolves.toBe(false);
    await box.fill("");
    await sendAnyway(page, box);
    await expect(page.locator("#body-error").textContent()).resolves.toBe("Say something first.");
    await expect(focusedId(page)).resolves.toBe("body");
    expect(watched.problems).toEqual([]);
    await context.close();
  });
});

describe("remember me across a browser restart", () => {
  /** What a browser keeps when it is closed and opened again: cookies with an expiry, no session cookies. */
  async function restart(context: Awaited<ReturnType<typeof openPage>>["context"]) {
    const state = await context.storageState();
    await context.close();
    const kept = { ...state, cookies: state.cookies.filter((cookie) => cookie.expires > 0) };
    return newContext(browser, { storageState: kept });
  }

  it("keeps a remembered login", async () => {
    const { context, watched } = await openPage();
    await logInAs(watched.page, jot.baseUrl, "forms_user", true);
    const reopened = await restart(context);
    const page = await reopened.newPage();
    await page.goto(url("/"));
    expect(pathOf(page)).toBe("/");
    await expect(page.locator("h1").textContent()).resolves.toBe("Hi, forms_user!");
    await reopened.close();
  });

  it("forgets a login without remember me", async () => {
    const { context, watched } = await openPage();
    await logInAs(watched.page, jot.baseUrl, "forms_user", false);
    expect(pathOf(watched.page)).toBe("/");
    const reopened = await restart(context);
    const page = await reopened.newPage();
    await page.goto(url("/"));
    expect(pathOf(page)).toBe("/login");
    await reopened.close();
  });
});

describe("without JavaScript", () => {
  it("the whole journey still works", async () => {
    const { context, watched } = await openPage({ javaScriptEnabled: false });
    const { page } = watched;
    await registerAs(page, jot.baseUrl, "nojs", { confirm: false });
    await expect(page.locator(".flash").textContent()).resolves.toContain("Congratulations");
    await confirmAddress(page, jot.baseUrl, "nojs@example.com");
    await expect(page.locator(".flash").textContent()).resolves.toBe("Thank you: nojs@example.com is confirmed.");
    await logInAs(page, jot.baseUrl, "nojs");
    // No counter script: the static hint stays, and the server still enforces the limit.
    await expect(page.locator("#body-count").textContent()).resolves.toBe("Up to 140 characters.");
    await page.getByLabel("Say something").fill("y".repeat(141));
    await andWait(page, page.getByRole("button", { name: "Post", exact: true }).click());
    await expect(page.locator("#body-error").textContent()).resolves.toBe("At most 140 characters.");
    await page.getByLabel("Say something").fill("Posted without any script");
    await andWait(page, page.getByRole("button", { name: "Post", exact: true }).click());
    await expect(page.locator(".post-body").first().textContent()).resolves.toBe("Posted without any script");
    await fromProfileMenu(page, "Your profile");
    await expect(page.locator(".post-body").first().textContent()).resolves.toBe("Posted without any script");
    await snap(page, "nojs-profile");
    await fromProfileMenu(page, "Sign out");
    expect(pathOf(page)).toBe("/login");
    expect(watched.problems).toEqual([]);
    await context.close();
  });
});
