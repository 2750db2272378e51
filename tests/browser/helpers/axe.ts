import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const AXE_SCRIPT = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/** The WCAG 2.1 AA rules a colour scheme can pass or fail: the rest read only the document. */
export const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

/**
 * Runs axe-core in the page at WCAG 2.1 AA, or only the given rules; returns one line per
 * violation (empty when clean).
 */
export async function axeViolations(page: Page, rules?: string[]): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in globalThis))) await page.addScriptTag({ path: AXE_SCRIPT });
  const runOnly = rules ? { type: "rule", values: rules } : { type: "tag", values: WCAG_21_AA };
  const violations = await page.evaluate(async (only) => {
    const axe = (globalThis as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { runOnly: only })).violations;
  }, runOnly);
  return (violations as AxeViolation[]).map(
    (v) => `${v.id}: ${v.help} @ ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}
