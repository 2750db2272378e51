import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run tests/browser/install-chromium.sh (npm test does).`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

/**
 * A page that records what a person would call broken: script errors, console errors, failed
 * requests (not ones the browser cancelled) and any failing subresource. Form pages answered with 4xx on purpose (422, 400, 404)
 * are the document itself and are not counted; Chromium's console line for them is filtered.
 */
export class WatchedPage {
  readonly problems: string[] = [];
  private readonly documentStatuses = new Set<number>();

  private constructor(readonly page: Page) {
    page.on("pageerror", (error) => this.problems.push(`page error: ${error.message}`));
    page.on("requestfailed", (request) => {
      const reason = request.failure()?.errorText;
      // ERR_ABORTED is the browser cancelling a request itself, e.g. the icon when a form navigates away.
      if (reason === "net::ERR_ABORTED") return;
      this.problems.push(`request failed: ${request.method()} ${request.url()} (${reason})`);
    });
    page.on("response", (response) => {
      const isDocument = response.request().resourceType() === "document";
      if (isDocument) this.documentStatuses.add(response.status());
      else if (response.status() >= 400) this.problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      const status = /status of (\d{3})/.exec(message.text())?.[1];
      if (status && this.documentStatuses.has(Number(status))) return;
      this.problems.push(`console error: ${message.text()}`);
    });
  }

  static async open(context: BrowserContext): Promise<WatchedPage> {
    return new WatchedPage(await context.newPage());
  }
}

export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
}

/** Does something that loads a new document (a link, a form) and waits until that document has loaded. */
export async function andWait(page: Page, action: Promise<unknown>): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }), action]);
}
