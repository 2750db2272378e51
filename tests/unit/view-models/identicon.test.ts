import { describe, expect, it } from "vitest";
import { identicon } from "../../../app/view-models/identicon.js";

/** The filled cells of an identicon as "x,y" pairs on its 5 × 5 grid. */
const cells = (svg: string) => new Set([...svg.matchAll(/<rect x="(\d+)" y="(\d+)" width="8"/g)].map((m) => `${(Number(m[1]) - 4) / 8},${(Number(m[2]) - 4) / 8}`));

describe("identicon", () => {
  it("is the same picture for the same id, and differs between neighbours", () => {
    expect(identicon(1)).toBe(identicon(1));
    const pictures = new Set(Array.from({ length: 50 }, (_, i) => identicon(i + 1)));
    expect(pictures.size).toBe(50);
  });

  it("is mirror-symmetric on a 5 × 5 grid", () => {
    for (const id of [1, 2, 3, 99, 2 ** 31 - 1]) {
      const filled = cells(identicon(id));
      for (const cell of filled) {
        const [x, y] = cell.split(",").map(Number) as [number, number];
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThan(5);
        expect(filled.has(`${4 - x},${y}`)).toBe(true);
      }
    }
  });

  it("is a self-contained SVG with no text, links or scripts", () => {
    const svg = identicon(12345);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 48 48" width="48" height="48">/);
    expect(svg).not.toMatch(/<(text|script|a|image|use|foreignObject)\b|href|on\w+=/i);
  });
});
