import type { StreamsResult } from "./streams.js";
import type { ProfileSummary } from "./cpu-profile.js";
import type { TargetResult } from "./load.js";

/** Jot's memory when its resident size peaked: V8's heap, memory V8 tracks outside it, and the rest. */
export interface MemoryBreakdown {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  /** Buffers, ArrayBuffers and WebAssembly memory (Prisma's query compiler), tracked by V8. */
  externalMb: number;
  arrayBuffersMb: number;
  /** Everything else resident: code, native libraries (SQLite, argon2), malloc'd memory. */
  otherNativeMb: number;
}

/** An earlier run's report (bench-results/*.json), to compare this run's data size with. */
export interface Baseline {
  options: { users: number; posts: number };
  results: TargetResult[];
}

export interface Verdict {
  ratios: { target: string; jotRps: number; rawRps: number; jotOverRaw: number; jotP99Ms: number; rawP99Ms: number }[];
  /** The home feed's 200th page's p50 over its first page's. */
  deepOverHomeP50: number;
  /** Each Jot target's p50 over the same target's in the baseline run, with its number of posts. */
  againstBaseline?: { baselinePosts: number; targets: { target: string; p50Ms: number; baselineP50Ms: number; ratio: number }[] };
  goals: { goal: string; measured: string; pass: boolean }[];
}

const RATIO_GOAL = 0.5;
const P99_GOAL_MS = 25;
const RSS_GOAL_MB = 200;
const DEEP_GOAL = 1.2;
/** The followed feed's p50 at ten times the posts (1,000,000 against 100,000), at most this many times. */
const SCALE_GOAL = 1.5;

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Compares the run with the issue's targets; recorded, never asserted. */
export function judge(results: TargetResult[], memory: MemoryBreakdown, posts: number, baseline?: Baseline): Verdict {
  const jot = results.filter((r) => r.server === "jot");
  const twin = (j: TargetResult) => results.find((r) => r.server === "raw" && r.target === j.target);
  const ratios = jot.flatMap((j) => {
    const r = twin(j);
    return r ? [{ target: j.target, jotRps: j.requestsPerSecond, rawRps: r.requestsPerSecond, jotOverRaw: round2(j.requestsPerSecond / r.requestsPerSecond), jotP99Ms: j.p99Ms, rawP99Ms: r.p99Ms }] : [];
  });
  const home = jot.find((r) => r.target === "home")!;
  const deep = jot.find((r) => r.target === "deep page")!;
  const gets = jot.filter((r) => r.target !== "create post");
  const failures = results.reduce((sum, r) => sum + r.errors + r.badStatus, 0);
  const deepOverHomeP50 = round2(deep.p50Ms / home.p50Ms);
  const earlier = (j: TargetResult) => baseline?.results.find((r) => r.server === "jot" && r.target === j.target);
  const againstBaseline = baseline && {
    baselinePosts: baseline.options.posts,
    targets: jot.flatMap((j) => {
      const b = earlier(j);
      return b ? [{ target: j.target, p50Ms: j.p50Ms, baselineP50Ms: b.p50Ms, ratio: round2(j.p50Ms / b.p50Ms) }] : [];
    }),
  };
  const feedScale = againstBaseline?.targets.find((t) => t.target === "home");
  return {
    ratios,
    deepOverHomeP50,
    ...(againstBaseline ? { againstBaseline } : {}),
    goals: [
      ...ratios.map((r) => ({ goal: `${r.target} ≥ ${RATIO_GOAL} × raw (req/s)`, measured: `${r.jotOverRaw} × raw`, pass: r.jotOverRaw >= RATIO_GOAL })),
      ...gets.map((r) => ({ goal: `${r.target} p99 < ${P99_GOAL_MS} ms`, measured: `${r.p99Ms} ms`, pass: r.p99Ms < P99_GOAL_MS })),
      { goal: `deep page (home's page 200) p50 ≤ ${DEEP_GOAL} × home p50`, measured: `${deepOverHomeP50} × (${deep.p50Ms} ms vs ${home.p50Ms} ms)`, pass: deep.p50Ms <= DEEP_GOAL * home.p50Ms },
      ...(feedScale
        ? [
            {
              goal: `home p50 at ${posts} posts ≤ ${SCALE_GOAL} × at ${againstBaseline!.baselinePosts}`,
              measured: `${feedScale.ratio} × (${feedScale.p50Ms} ms vs ${feedScale.baselineP50Ms} ms)`,
              pass: feedScale.p50Ms <= SCALE_GOAL * feedScale.baselineP50Ms,
            },
          ]
        : []),
      { goal: "0 errors and 0 unexpected statuses", measured: `${failures}`, pass: failures === 0 },
      { goal: `Jot peak RSS over the whole run < ${RSS_GOAL_MB} MB`, measured: `${memory.rssMb} MB`, pass: memory.rssMb < RSS_GOAL_MB },
    ],
  };
}

export function printReport(results: TargetResult[], verdict: Verdict, memory: MemoryBreakdown, profile?: ProfileSummary): void {
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
      "unexpected status": r.badStatus,
      "peak RSS MB": r.peakRssMb,
    })),
  );
  console.log("Jot ÷ raw");
  console.table(verdict.ratios);
  if (verdict.againstBaseline) {
    console.log(`Jot's p50 against the baseline run's (${verdict.againstBaseline.baselinePosts} posts)`);
    console.table(verdict.againstBaseline.targets);
  }
  console.log("Jot's memory when its RSS peaked (MB)");
  console.table([memory]);
  if (profile) {
    console.log(`Jot's CPU profile: ${profile.busyMs} ms busy; self time by package, then by function`);
    console.table(profile.packages);
    console.table(profile.functions);
  }
  console.log("Targets");
  console.table(verdict.goals.map((g) => ({ goal: g.goal, measured: g.measured, result: g.pass ? "pass" : "FAIL" })));
}

/** The live-notification figures: what open streams cost, and how fast news reaches them. */
export function printStreams(streams: StreamsResult): void {
  const where = streams.crossProcess ? "sent through one Jot process, streamed from another" : "one Jot process";
  console.log(`\nLive notifications (${where}):`);
  console.log(`  ${streams.streams} open streams: RSS ${streams.rssBeforeMb} → ${streams.rssWithStreamsMb} MB, ${streams.rssPerStreamKb} KB per stream`);
  console.log(`  idle with them open: ${streams.idleCpuPercent} % of one core over ${streams.idleSeconds} s`);
  console.log(`  one message to ${streams.fanout.tabs} tabs, until the last tab has it: p50 ${streams.fanout.p50Ms} ms, p99 ${streams.fanout.p99Ms} ms (${streams.fanout.messages} messages)`);
  console.log(
    `  ${streams.burst.messages} messages to ${streams.burst.messages} connected users: p50 ${streams.burst.p50Ms} ms, p99 ${streams.burst.p99Ms} ms; all delivered in ${streams.burst.allDeliveredMs} ms`,
  );
}
