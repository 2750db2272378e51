import { describe, expect, it } from "vitest";
import { mannWhitneyP } from "../helpers/rank-test.js";

describe("mannWhitneyP", () => {
  it("finds nothing between a sample and itself, or two samples of one spread", () => {
    const sample = Array.from({ length: 50 }, (_, i) => (i * 37) % 50);
    expect(mannWhitneyP(sample, sample)).toBe(1);
    expect(mannWhitneyP([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5])).toBeGreaterThan(0.5);
  });

  it("matches the textbook value for samples that barely overlap", () => {
    // 20 against 20, overlapping by 7 so that U = 1 + 2 + … + 7 = 28 (of 400):
    // z = (200 - 28 - 0.5) / sqrt(400 × 41 / 12) = 4.639, p = erfc(z / √2) = 3.50e-6.
    const a = Array.from({ length: 20 }, (_, i) => i);
    const b = Array.from({ length: 20 }, (_, i) => i + 12.5);
    expect(mannWhitneyP(a, b) / 3.5e-6).toBeCloseTo(1, 2);
  });

  it("tells apart samples whose medians differ by a fraction of their spread, given 200 of each", () => {
    const noise = (i: number) => ((i * 7919) % 1000) / 1000;
    const slower = Array.from({ length: 200 }, (_, i) => 1.2 + noise(i));
    const faster = Array.from({ length: 200 }, (_, i) => 1.0 + noise(i + 500));
    expect(mannWhitneyP(slower, faster)).toBeLessThan(0.01);
  });
});
