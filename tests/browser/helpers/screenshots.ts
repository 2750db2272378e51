import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";

const DIR = join(import.meta.dirname, "..", "screenshots");
export const WIDTHS = { desktop: 1280, phone: 390 } as const;

/** Whether this run keeps screenshots: `npm run screenshots` asks for them; `npm test` does without (they cost it a minute). */
export const SCREENSHOTS = process.env.JOT_SCREENSHOTS === "1";

/**
 * Full-page screenshots of the current page at desktop and phone widths, in the light scheme and
 * then the dark one (…-phone-dark.png), in tests/browser/screenshots/, when SCREENSHOTS.
 */
export async function snap(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  mkdirSync(DIR, { recursive: true });
  const original = page.viewportSize();
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [label, width] of Object.entries(WIDTHS)) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: join(DIR, `${name}-${label}${scheme === "dark" ? "-dark" : ""}.png`), fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: null });
  if (original) await page.setViewportSize(original);
}
