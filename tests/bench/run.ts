// npm run bench: seeds a scratch database, then measures Jot's pages and a raw baseline under load,
// one target at a time. Not part of npm test.
// Options: --database sqlite|postgres --users --posts --duration --connections --warmup
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../../app/config.js";
import { openDatabase } from "../../app/database/open.js";
import { HttpVisitor } from "../helpers/http-visitor.js";
import { csrfTokenIn } from "../helpers/visitor.js";
import { freePort } from "../../scripts/free-port.js";
import { ServerProcess } from "../helpers/server-process.js";
import { benchDatabase } from "./bench-database.js";
import { drive, type LoadOptions, type Request, type TargetResult } from "./load.js";
import { judge, printReport } from "./report.js";
import { BENCH_PASSWORD, BENCH_USER, seedBulk } from "./seed-bulk.js";

const root = join(import.meta.dirname, "..", "..");
const { values: args } = parseArgs({
  options: {
    users: { type: "string", default: "1000" },
    posts: { type: "string", default: "100000" },
    duration: { type: "string", default: "15" },
    connections: { type: "string", default: "32" },
    warmup: { type: "string", default: "3" },
    database: { type: "string", default: "sqlite" },
  },
});
if (args.database !== "sqlite" && args.database !== "postgres") throw new Error("--database is sqlite or postgres");
const provider = args.database === "postgres" ? "postgresql" : "sqlite";
const users = Number(args.users);
const posts = Number(args.posts);
const load: LoadOptions = { connections: Number(args.connections), durationSeconds: Number(args.duration) };
const warmup: LoadOptions = { ...load, durationSeconds: Number(args.warmup) };
const DEEP_PAGE_CLICKS = 199;

const outDir = join(root, "bench-results");

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

/** The node flags of `npm start` (e.g. the heap cap), so the bench runs Jot exactly as production does. */
function startScriptNodeFlags(): string[] {
  const start: string = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts.start;
  const flags = /\bnode ((?:--\S+ )*)dist\/app\/server\.js/.exec(start)?.[1];
  if (flags === undefined) throw new Error(`cannot find "node … dist/app/server.js" in the start script: ${start}`);
  return flags.split(" ").filter(Boolean);
}

function startJot(port: number) {
  return ServerProcess.start(process.execPath, [...startScriptNodeFlags(), join(root, "dist", "app", "server.js")], {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: database.url,
    SESSION_SECRET: randomBytes(32).toString("base64url"),
    HOST: "127.0.0.1",
    PORT: String(port),
    LOG_LEVEL: "warn",
  }, port);
}

function startRaw(port: number) {
  return ServerProcess.start(join(root, "node_modules", ".bin", "tsx"), [join(import.meta.dirname, "raw-server.ts"), database.url, String(port)], process.env, port);
}

/** Runs one target on a fresh server process, so each peak RSS belongs to one target. */
async function measure(
  name: string,
  server: "jot" | "raw",
  request: (baseUrl: string) => Promise<Request>,
): Promise<TargetResult> {
  const port = await freePort();
  const process_ = await (server === "jot" ? startJot(port) : startRaw(port));
  try {
    const req = await request(process_.baseUrl);
    await drive(process_, req, warmup);
    console.log(`- ${server} ${name}: ${req.method ?? "GET"} ${req.path} for ${load.durationSeconds}s at ${load.connections} connections`);
    const result = await drive(process_, req, load);
    return { target: name, server, ...result, peakRssMb: process_.peakRssMb() };
  } finally {
    await process_.stop();
  }
}

console.log("Building Jot (npm run build)…");
execFileSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });

console.log(`Creating a ${args.database} database from the migrations…`);
const database = await benchDatabase(provider, outDir);

/** Seeds the database, finds the deep page, then measures every target, Jot's and the raw twins. */
async function run(): Promise<TargetResult[]> {
  console.log(`Seeding ${users} users and ${posts} posts…`);
  const db = await openDatabase(database);
  await seedBulk(db, users, posts, loadConfig({ ...process.env, NODE_ENV: "production", SESSION_SECRET: "x".repeat(32) }).argon2);
  await db.$disconnect();

  console.log(`Finding the page ${DEEP_PAGE_CLICKS} "Older posts" clicks deep…`);
  const finder = await startJot(await freePort());
  let deepPath: string;
  try {
    deepPath = await deepPagePath(finder.baseUrl, DEEP_PAGE_CLICKS);
  } finally {
    await finder.stop();
  }

  const loggedIn = (path: string) => async (baseUrl: string) => ({ path, cookie: (await logIn(baseUrl)).cookie });
  const results: TargetResult[] = [];
  results.push(await measure("home", "jot", loggedIn("/")));
  results.push(await measure("profile", "jot", loggedIn(`/user/${BENCH_USER}`)));
  results.push(await measure("deep page", "jot", loggedIn(deepPath)));
  results.push(await measure("login page", "jot", async () => ({ path: "/login" })));
  results.push(
    await measure("create post", "jot", async (baseUrl) => {
      const { cookie, csrf } = await logIn(baseUrl);
      return { path: "/posts", method: "POST", cookie, form: new URLSearchParams({ _csrf: csrf, body: "Benchmarking Jot" }).toString() };
    }),
  );
  // The raw baseline reads the same database; it runs after the writes above, which only add newer posts.
  results.push(await measure("home", "raw", async () => ({ path: "/" })));
  results.push(await measure("deep page", "raw", async () => ({ path: deepPath })));
  return results;
}

let results: TargetResult[];
try {
  results = await run();
} finally {
  await database.drop();
}

const verdict = judge(results);
printReport(results, verdict);
const report = {
  date: new Date().toISOString(),
  machine: { cpus: (await import("node:os")).cpus().length, node: process.version },
  database: args.database,
  options: { users, posts, ...load, warmupSeconds: warmup.durationSeconds, deepPageClicks: DEEP_PAGE_CLICKS },
  results,
  ...verdict,
};
const stamp = `${report.date.replaceAll(":", "-")}-${args.database}`;
writeFileSync(join(outDir, `bench-${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(join(outDir, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nWritten to bench-results/bench-${stamp}.json (and latest.json).`);
