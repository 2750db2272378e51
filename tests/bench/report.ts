import type { TargetResult } from "./load.js";

export interface Verdict {
  ratios: { target: string; jotRps: number; rawRps: number; jotOverRaw: number }[];
  goals: { goal: string; measured: string; pass: boolean }[];
}

const find = (results: TargetResult[], target: string, server: "jot" | "raw") =>
  results.find((r) => r.target === target && r.server === server);

/** Compares the run with the targets; recorded, never asserted. */
export function judge(results: TargetResult[]): Verdict {
  const jot = results.filter((r) => r.server === "jot");
  const ratios = ["home", "deep page"].flatMap((target) => {
    const [j, r] = [find(results, target, "jot"), find(results, target, "raw")];
    return j && r ? [{ target, jotRps: j.requestsPerSecond, rawRps: r.requestsPerSecond, jotOverRaw: Math.round((j.requestsPerSecond / r.requestsPerSecond) * 100) / 100 }] : [];
  });
  const home = find(results, "home", "jot")!;
  const deep = find(results, "deep page", "jot")!;
  const homeRatio = ratios.find((r) => r.target === "home")!.jotOverRaw;
  const gets = jot.filter((r) => r.target !== "create post");
  const worstP99 = Math.max(...gets.map((r) => r.p99Ms));
  const failures = results.reduce((sum, r) => sum + r.errors + r.badStatus, 0);
  const peakRss = Math.max(...jot.map((r) => r.peakRssMb));
  return {
    ratios,
    goals: [
      { goal: "home timeline ≥ 0.5 × raw (req/s)", measured: `${homeRatio} × raw`, pass: homeRatio >= 0.5 },
      { goal: "deep page p50 ≤ 1.2 × home p50", measured: `${deep.p50Ms} ms vs ${home.p50Ms} ms`, pass: deep.p50Ms <= 1.2 * home.p50Ms },
      { goal: "p99 < 50 ms on every GET target", measured: `worst ${worstP99} ms`, pass: worstP99 < 50 },
      { goal: "0 errors and 0 non-2xx/3xx", measured: `${failures}`, pass: failures === 0 },
      { goal: "server RSS < 250 MB", measured: `peak ${peakRss} MB`, pass: peakRss < 250 },
    ],
  };
}

export function printReport(results: TargetResult[], verdict: Verdict): void {
  console.log("\nResults");
  console.table(
    results.map((r) => ({
      server: r.server,
      target: r.target,
      "req/s": r.requestsPerSecond,
      "p50 ms": r.p50Ms,
      "p99 ms": r.p99Ms,
      requests: r.requests,
      errors: r.errors,
      "non-2xx/3xx": r.badStatus,
      "peak RSS MB": r.peakRssMb,
    })),
  );
  console.log("Jot ÷ raw");
  console.table(verdict.ratios);
  console.log("Targets");
  console.table(verdict.goals.map((g) => ({ goal: g.goal, measured: g.measured, result: g.pass ? "pass" : "FAIL" })));
}
