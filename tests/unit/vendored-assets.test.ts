import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { iconSprite, SPRITE, staleAssets } from "../../scripts/vendor-assets.js";

const PUBLIC = join(import.meta.dirname, "..", "..", "public");
const stylesheet = readFileSync(join(PUBLIC, "css", "site.css"), "utf8");

describe("the icons and the font copied from their packages", () => {
  it("are what the installed packages give (npm run assets after an upgrade)", () => {
    expect(staleAssets()).toEqual([]);
  });

  it("serve every file and icon the stylesheet names", () => {
    const urls = [...stylesheet.matchAll(/url\("\/static\/([^"#]+)(?:#([^"]+))?"\)/g)];
    expect(urls.length).toBeGreaterThan(10);
    const sprite = readFileSync(SPRITE, "utf8");
    for (const [, file, icon] of urls) {
      expect(existsSync(join(PUBLIC, file!)), file).toBe(true);
      if (icon) expect(sprite, `icon #${icon}`).toContain(`<svg id="${icon}" `);
    }
  });

  it("show one icon at a time: the one the address names", () => {
    const sprite = iconSprite();
    expect(sprite).toContain("svg>svg:not(:target){display:none}");
    expect(sprite.match(/<svg id="/g)?.length).toBeGreaterThan(15);
    // A pressed Like is the same heart, filled.
    const heart = /<svg id="like" [^>]*>(.*?)<\/svg>/.exec(sprite)![1];
    expect(sprite).toContain(`<svg id="liked" viewBox="0 0 24 24" fill="#000"`);
    expect(/<svg id="liked" [^>]*>(.*?)<\/svg>/.exec(sprite)![1]).toBe(heart);
  });
});
