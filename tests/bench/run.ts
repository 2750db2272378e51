// npm run bench: seeds a scratch database, then measures each of Jot's pages and its raw twin (the
// same page served straight from the driver, raw-server.ts) under load, one target at a time,
// each target on Jot then on the twin. One Jot process serves the whole run, so its peak memory is
// the peak under every target. Not part of npm test.
// Options: --database sqlite|postgres --users --posts --duration --connections --warmup
//          --profile (a CPU profile of Jot over the run) --jot <folder of another built Jot to measure>
//          --baseline <an earlier run's bench-results/*.json, same database, other --posts>: compares
//          each page's p50 with that run's (the issue: the feed at 1,000,000 posts ≤ 1.5 × at 100,000)
//          --streams-only: only the live-notification streams (streams.ts), after the same seeding
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../../app/config.js";
import { openDatabase } from "../../app/database/open.js";
import { HttpVisitor } from "../helpers/http-visitor.js";
import { csrfTokenIn } from "../helpers/visitor.js";
import { freePort } from "../../scripts/free-port.js";
import { ServerProcess } from "../helpers/server-process.js";
import { benchDatabase } from "./bench-database.js";
import { summariseProfile, type ProfileSummary } from "./cpu-profile.js";
import { drive, type LoadOptions, type Request, type TargetResult } from "./load.js";
import { judge, printReport, printStreams, type Baseline, type MemoryBreakdown } from "./report.js";
import { BENCH_PASSWORD, BENCH_RESET_SECRET, BENCH_TAG, BENCH_USER, OTHER_USER, seedBulk, seededUsernames } from "./seed-bulk.js";
import { benchStreams, type StreamsResult } from "./streams.js";

const root = join(import.meta.dirname, "..", "..");
const { values: args } = parseArgs({
  options: {
    users: { type: "string", default: "1000" },
    posts: { type: "string", default: "100000" },
    duration: { type: "string", default: "15" },
    connections: { type: "string", default: "32" },
    warmup: { type: "string", default: "3" },
    database: { type: "string", default: "sqlite" },
    profile: { type: "boolean", default: false },
    jot: { type: "string", default: root },
    baseline: { type: "string" },
    "streams-only": { type: "boolean", default: false },
  },
});
if (args.database !== "sqlite" && args.database !== "postgres") throw new Error("--database is sqlite or postgres");
const provider = args.database === "postgres" ? "postgresql" : "sqlite";
const users = Number(args.users);
const posts = Number(args.posts);
const load: LoadOptions = { connections: Number(args.connections), durationSeconds: Number(args.duration) };
const warmup: LoadOptions = { ...load, durationSeconds: Number(args.warmup) };
const jotRoot = resolve(args.jot);
const baseline = args.baseline ? (JSON.parse(readFileSync(args.baseline, "utf8")) as Baseline & { database: string }) : undefined;
if (baseline && (baseline.database !== args.database || baseline.options.users !== users)) {
  throw new Error(`--baseline ran on ${baseline.database} with ${baseline.options.users} users: run this one alike, only --posts differing`);
}
const DEEP_PAGE_CLICKS = 199;

const outDir = join(root, "bench-results");
const profileDir = join(outDir, "cpu-profile");
const jotLog = join(outDir, "jot.log");

/** The bench user, logged in through the real form. */
async function benchUser(baseUrl: string): Promise<HttpVisitor> {
  const visitor = new HttpVisitor(baseUrl);
  const response = await visitor.login(BENCH_USER, BENCH_PASSWORD);
  if (response.status !== 303) throw new Error(`login failed with ${response.status}`);
  return visitor;
}

/** Logs the bench user in; returns the session cookie and a CSRF token. */
async function logIn(baseUrl: string): Promise<{ cookie: string; csrf: string }> {
  const visitor = await benchUser(baseUrl);
  // The first page after login stores a new CSRF secret in the session, so keep that cookie.
  const home = await visitor.get("/");
  return { cookie: visitor.cookie, csrf: csrfTokenIn(home.body) };
}

/** The URL reached by following "Older posts" `clicks` times from the home page. */
async function deepPagePath(baseUrl: string, clicks: number): Promise<string> {
  const visitor = await benchUser(baseUrl);
  let path = "/";
  for (let click = 1; click <= clicks; click++) {
    const older = /class="pager-older" href="([^"]+)"/.exec((await visitor.get(path)).body)?.[1];
    if (!older) throw new Error(`no Older posts link after ${click - 1} clicks: seed more posts`);
    path = older;
  }
  return path;
}

/**
 * The environment settings and node flags of `npm start` (the heap sizes, the allocator's arenas),
 * so the bench runs Jot exactly as production does.
 */
function startScriptSettings(): { env: Record<string, string>; flags: string[] } {
  const start: string = JSON.parse(readFileSync(join(jotRoot, "package.json"), "utf8")).scripts.start;
  const match = /((?:\b[A-Z_]+=\S+ )*)exec node ((?:--\S+ )*)dist\/app\/server\.js/.exec(start);
  if (!match) throw new Error(`cannot find "… exec node … dist/app/server.js" in the start script: ${start}`);
  const assignments = match[1]!.split(" ").filter(Boolean).map((a) => a.split("=") as [string, string]);
  return { env: Object.fromEntries(assignments), flags: match[2]!.split(" ").filter(Boolean) };
}

// Production asks where links point and where mail goes: the bench sends none.
const PRODUCTION_MAIL = { PUBLIC_URL: "http://jot.test", MAIL_OUTBOX_DIR: join(root, "bench-results", "outbox") };

// One secret for every Jot process of the run: a login made on one holds on another, as behind a load balancer.
const sessionSecret = randomBytes(32).toString("base64url");

function startJot(port: number, measured = false) {
  const probes = measured ? ["--import", join(import.meta.dirname, "memory-probe.mjs")] : [];
  const profiler = measured && args.profile ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  const server = join(jotRoot, "dist", "app", "server.js");
  const start = startScriptSettings();
  const env = {
    ...process.env,
    ...start.env,
    NODE_ENV: "production",
    DATABASE_URL: database.url,
    SESSION_SECRET: sessionSecret,
    HOST: "127.0.0.1",
    PORT: String(port),
    // One bench user posts thousands a second, and one sender writes to a thousand users in a burst:
    // the limits still count every one (their cost is measured), they just never refuse.
    RATE_LIMIT_POSTS: "1000000/1440",
    RATE_LIMIT_MESSAGES: "1000000/1440",
    RATE_LIMIT_LIKES: "1000000/1440",
    ...PRODUCTION_MAIL,
  };
  // Production's log level and request log, written where an operator's would go: a file.
  return ServerProcess.start(process.execPath, [...start.flags, ...probes, ...profiler, server], env, port, { logFile: jotLog });
}

function startRaw(port: number) {
  const rawServer = join(import.meta.dirname, "raw-server.ts");
  return ServerProcess.start(join(root, "node_modules", ".bin", "tsx"), [rawServer, database.url, String(port), BENCH_USER], process.env, port);
}

/** Warms up, then measures one request against one running server. */
async function measure(target: string, server: "jot" | "raw", process_: ServerProcess, request: Request): Promise<TargetResult> {
  await drive(process_, request, warmup);
  console.log(`- ${server} ${target}: ${request.method ?? "GET"} ${request.path} for ${load.durationSeconds}s at ${load.connections} connections`);
  const result = await drive(process_, request, load);
  return { target, server, ...result, peakRssMb: process_.peakRssMb() };
}

/** What the memory probe printed as the Jot process exited. */
function memoryAtPeak(output: string): MemoryBreakdown {
  const line = output.split("\n").findLast((l) => l.startsWith("memory-probe "));
  if (!line) throw new Error(`the memory probe printed nothing:\n${output}`);
  const usage = JSON.parse(line.slice("memory-probe ".length)) as NodeJS.MemoryUsage;
  const mb = (bytes: number) => Math.round(bytes / 1024 / 102.4) / 10;
  return {
    rssMb: mb(usage.rss),
    heapUsedMb: mb(usage.heapUsed),
    heapTotalMb: mb(usage.heapTotal),
    externalMb: mb(usage.external),
    arrayBuffersMb: mb(usage.arrayBuffers),
    otherNativeMb: mb(usage.rss - usage.heapTotal - usage.external),
  };
}

console.log(`Building Jot in ${jotRoot} (npm run build)…`);
execFileSync("npm", ["run", "build", "--silent"], { cwd: jotRoot, stdio: "inherit" });

console.log(`Creating a ${args.database} database from the migrations…`);
const database = await benchDatabase(provider, outDir);

interface PagesRun {
  results: TargetResult[];
  memory: MemoryBreakdown;
  profile?: ProfileSummary;
}

interface Run {
  seedSeconds: number;
  pages?: PagesRun;
  streams: StreamsResult;
}

/** Seeds the database, then measures the pages (unless --streams-only) and the streams. */
async function run(): Promise<Run> {
  console.log(`Seeding ${users} users and ${posts} posts…`);
  const seedStart = performance.now();
  const db = await openDatabase(database);
  const { threadPostId } = await seedBulk(db, users, posts, loadConfig({ ...process.env, ...PRODUCTION_MAIL, NODE_ENV: "production", SESSION_SECRET: "x".repeat(32) }).argon2);
  await db.$disconnect();
  const seedSeconds = Math.round((performance.now() - seedStart) / 100) / 10;
  console.log(`  seeded in ${seedSeconds} s`);
  rmSync(jotLog, { force: true });
  const pages = args["streams-only"] ? undefined : await measurePages(threadPostId);
  return { seedSeconds, pages, streams: await measureStreams() };
}

/**
 * The streams on one Jot process; on PostgreSQL the messages go through a second one. Every user of
 * the seed holds one stream.
 */
async function measureStreams(): Promise<StreamsResult> {
  const receiving = await startJot(await freePort());
  const sending = provider === "postgresql" ? await startJot(await freePort()) : receiving;
  try {
    return await benchStreams(sending, receiving, seededUsernames(users), BENCH_PASSWORD);
  } finally {
    await Promise.all([receiving.stop(), sending.stop()]);
  }
}

const JSON_TYPE = "application/json";

/** Finds the deep page, then measures every target on Jot and on its raw twin; `threadPostId` is the post with 200 replies. */
async function measurePages(threadPostId: number): Promise<PagesRun> {
  console.log(`Finding the page ${DEEP_PAGE_CLICKS} "Older posts" clicks deep…`);
  const finder = await startJot(await freePort());
  let deepPath: string;
  try {
    deepPath = await deepPagePath(finder.baseUrl, DEEP_PAGE_CLICKS);
  } finally {
    await finder.stop();
  }

  rmSync(profileDir, { recursive: true, force: true });
  mkdirSync(profileDir, { recursive: true });
  const jot = await startJot(await freePort(), true);
  const raw = await startRaw(await freePort());
  const results: TargetResult[] = [];
  try {
    const session = await logIn(jot.baseUrl);
    const page = (path: string) => ({ path, cookie: session.cookie });
    const form = (body: string) => new URLSearchParams({ _csrf: session.csrf, body }).toString();
    // Liked again and again: after the first, each is the harmless second like (the count moved and moved back).
    const like = new URLSearchParams({ _csrf: session.csrf, next: "/explore" }).toString();
    // Writes last: they only add newer posts, which the pages measured before never reach.
    const targets: [string, Request, Request][] = [
      ["home", page("/"), { path: "/" }],
      ["explore", page("/explore"), { path: "/explore" }],
      ["deep page", page(deepPath), { path: deepPath }],
      ["profile", page(`/user/${BENCH_USER}`), { path: `/user/${BENCH_USER}` }],
      ["followers", page(`/user/${BENCH_USER}/followers`), { path: `/user/${BENCH_USER}/followers` }],
      ["popover", page(`/user/${OTHER_USER}/popup`), { path: `/user/${OTHER_USER}/popup` }],
      ["post page", page("/post/1"), { path: "/post/1" }],
      ["thread page", page(`/post/${threadPostId}`), { path: `/post/${threadPostId}` }],
      ["tag page", page(`/tag/${BENCH_TAG}`), { path: `/tag/${BENCH_TAG}` }],
      ["messages", page("/messages"), { path: "/messages" }],
      ["conversation", page(`/messages/${OTHER_USER}`), { path: `/messages/${OTHER_USER}` }],
      ["notifications page", page("/notifications"), { path: "/notifications" }],
      ["notifications poll", { ...page("/notifications?since=0"), accept: JSON_TYPE }, { path: "/notifications?since=0", accept: JSON_TYPE }],
      ["settings", page("/settings"), { path: "/settings" }],
      ["login page", { path: "/login" }, { path: "/login" }],
      ["reset request page", { path: "/reset_password_request" }, { path: "/reset_password_request" }],
      ["reset link page", { path: `/reset_password/${BENCH_RESET_SECRET}` }, { path: `/reset_password/${BENCH_RESET_SECRET}` }],
      ["like", { path: "/post/1/like", method: "POST", cookie: session.cookie, form: like }, { path: "/post/1/like", method: "POST", form: like }],
      ["create post", { path: "/posts", method: "POST", cookie: session.cookie, form: form("Benchmarking Jot") }, { path: "/posts", method: "POST", form: form("Benchmarking raw") }],
    ];
    for (const [target, jotRequest, rawRequest] of targets) {
      results.push(await measure(target, "jot", jot, jotRequest));
      results.push(await measure(target, "raw", raw, rawRequest));
    }
  } finally {
    await raw.stop();
    await jot.stop();
  }
  const profiles = readdirSync(profileDir).filter((f) => f.endsWith(".cpuprofile"));
  return {
    results,
    memory: memoryAtPeak(jot.output),
    profile: profiles[0] ? summariseProfile(join(profileDir, profiles[0])) : undefined,
  };
}

let outcome: Run;
try {
  outcome = await run();
} finally {
  await database.drop();
}

const verdict = outcome.pages && judge(outcome.pages.results, outcome.pages.memory, posts, baseline);
if (outcome.pages && verdict) printReport(outcome.pages.results, verdict, outcome.pages.memory, outcome.pages.profile);
printStreams(outcome.streams);
const report = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, node: process.version },
  database: args.database,
  jot: jotRoot === root ? "this checkout" : jotRoot,
  options: { users, posts, ...load, warmupSeconds: warmup.durationSeconds, deepPageClicks: DEEP_PAGE_CLICKS, ...(args.baseline ? { baseline: args.baseline } : {}) },
  seedSeconds: outcome.seedSeconds,
  ...(outcome.pages ? { results: outcome.pages.results, ...verdict, memory: outcome.pages.memory } : {}),
  ...(outcome.pages?.profile ? { cpuProfile: outcome.pages.profile } : {}),
  streams: outcome.streams,
};
const stamp = `${report.date.replaceAll(":", "-")}-${args.database}`;
writeFileSync(join(outDir, `bench-${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(join(outDir, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nWritten to bench-results/bench-${stamp}.json (and latest.json).`);
