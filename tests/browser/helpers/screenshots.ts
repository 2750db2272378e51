import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";

const DIR = join(import.meta.dirname, "..", "screenshots");
export const WIDTHS = { desktop: 1280, phone: 390 } as const;

/** Full-page screenshots of the current page at desktop and phone widths (tests/browser/screenshots/). */
export async function snap(page: Page, name: string): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  const original = page.viewportSize();
  for (const [label, width] of Object.entries(WIDTHS)) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: join(DIR, `${name}-${label}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}
