import type { Locator, Page } from "playwright-core";
import { andWait } from "./chromium.js";
import { mailedLink } from "./jot-server.js";

export const PASSWORD = "correct horse";

/** Fills and sends the register form as a person would, then (unless `confirm` is false) opens the mailed link. */
export async function registerAs(page: Page, baseUrl: string, username: string, { confirm = true } = {}): Promise<void> {
  await page.goto(`${baseUrl}/register`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Email").fill(`${username}@example.com`);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat password").fill(PASSWORD);
  await andWait(page, page.getByRole("button", { name: "Register" }).click());
  if (confirm) await confirmAddress(page, baseUrl, `${username}@example.com`);
}

/** Opens the newest link mailed to `email` and presses its "Confirm my address", as its owner would. */
export async function confirmAddress(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(mailedLink(baseUrl, email));
  await andWait(page, page.getByRole("button", { name: "Confirm my address" }).click());
}

export async function logInAs(page: Page, baseUrl: string, username: string, remember = false): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  if (remember) await page.getByLabel("Remember me").check();
  await andWait(page, page.getByRole("button", { name: "Sign in" }).click());
}

export const pathOf = (page: Page) => new URL(page.url()).pathname;
export const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");

/** Opens the bar's profile menu and picks `item`: a link ("Your profile", "Edit profile", "Settings") or "Sign out"; waits for the page it leads to. */
export async function fromProfileMenu(page: Page, item: "Your profile" | "Edit profile" | "Settings" | "Sign out"): Promise<void> {
  await page.locator(".nav-menu summary").click();
  const target = item === "Sign out" ? page.getByRole("button", { name: item }) : page.getByRole("link", { name: item });
  await andWait(page, target.click());
}

/**
 * Sends the form around `field` as an old tab or a script-less browser would: the page's script
 * holds the button while the text is empty or too long, and what the server answers is the page.
 */
export async function sendAnyway(page: Page, field: Locator): Promise<void> {
  await andWait(page, field.evaluate((element) => (element as HTMLTextAreaElement).form!.submit()));
}
