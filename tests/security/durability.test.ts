// What Jot has acknowledged, it keeps: a real Jot process serving concurrent posts, follows and
// messages is killed with SIGKILL (no chance to finish anything), three times over on the same
// database. After each kill every write that was answered 303 is there, the database's own checks
// are clean, and the counts Jot keeps in columns agree with the rows; then Jot starts again on it.
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PasswordHasher } from "../../app/services/accounts/password-hasher.js";
import { freePort } from "../../scripts/free-port.js";
import { testArgon2, testConfig, TEST_ENV, testServiceConfig } from "../helpers/config.js";
import { testProvider } from "../helpers/database.js";
import { HttpVisitor } from "../helpers/http-visitor.js";
import { projectRoot, tmpDir } from "../helpers/paths.js";
import { sideDoor } from "../helpers/posts.js";
import { ServerProcess } from "../helpers/server-process.js";
import { csrfTokenIn } from "../helpers/visitor.js";

const ROUNDS = 3;
const WRITERS = 6;
/** How many writes each round must have acknowledged before the kill, and how long it may take them. */
const WRITES_EACH_ROUND = 30;
const MOST_LOAD_MS = 30_000;
const PASSWORD = "correct horse";
const USERS = 30;

const config = await testConfig();
const { db } = await sideDoor(config);
const env = {
  ...process.env,
  ...TEST_ENV,
  LOG_LEVEL: "warn",
  DATABASE_URL: config.database.url,
  MAIL_OUTBOX_DIR: join(tmpDir, `outbox-${randomBytes(6).toString("hex")}`),
};
let server: ServerProcess | undefined;
afterAll(() => server?.stop());

// Confirmed accounts with a real hash, made through the side door: the rounds are about writing.
const passwordHash = await new PasswordHasher(testArgon2, testServiceConfig.passwordHashing).hash(PASSWORD);
const names = Array.from({ length: USERS }, (_, i) => `durable${i}`);
await db.user.createMany({ data: names.map((name) => ({ username: name, usernameKey: name, email: `${name}@example.com`, passwordHash, emailVerifiedAt: new Date() })) });

/** What Jot answered 303 to, in every round so far. */
const acknowledged = { posts: [] as string[], messages: [] as string[], follows: [] as [string, string][] };
/** Follows not yet asked for, so that each follow asked for is new. */
const unfollowed = names.flatMap((a) => names.filter((b) => b !== a).map((b) => [a, b] as [string, string]));

/** One writer: a user posting, messaging and following as fast as Jot answers, until the process dies. */
async function writer(base: string, user: string, round: number): Promise<void> {
  const visitor = new HttpVisitor(base);
  if ((await visitor.login(user, PASSWORD)).status !== 303) throw new Error(`${user} could not sign in`);
  const token = csrfTokenIn((await visitor.get("/")).body);
  // Done, and only done, when answered with the redirect of a write made: a refusal redirects elsewhere, or answers otherwise.
  const made = (answer: { status: number; location: string | null }, location: string) => answer.status === 303 && answer.location === location;
  for (let n = 0; n < 100_000; n++) {
    const other = names[(names.indexOf(user) + 1 + (n % (USERS - 1))) % USERS]!;
    try {
      if (n % 3 === 0) {
        const body = `r${round} ${user} post ${n}`;
        if (made(await visitor.post("/posts", { _csrf: token, body }), "/")) acknowledged.posts.push(body);
      } else if (n % 3 === 1) {
        const message = `r${round} ${user} to ${other} ${n}`;
        if (made(await visitor.post(`/send_message/${other}`, { _csrf: token, message }), `/user/${other}`)) acknowledged.messages.push(message);
      } else {
        const index = unfollowed.findIndex(([from]) => from === user);
        if (index < 0) continue;
        const [pair] = unfollowed.splice(index, 1);
        if (made(await visitor.post(`/follow/${pair![1]}`, { _csrf: token }), `/user/${pair![1]}`)) acknowledged.follows.push(pair!);
      }
    } catch {
      return; // the process was killed under this request: nothing was acknowledged
    }
  }
}

async function integrityProblems(): Promise<string[]> {
  const problems: string[] = [];
  if (testProvider === "sqlite") {
    const [check] = await db.$queryRawUnsafe<{ integrity_check: string }[]>("PRAGMA integrity_check");
    if (check?.integrity_check !== "ok") problems.push(`integrity_check: ${JSON.stringify(check)}`);
    const broken = await db.$queryRawUnsafe<unknown[]>("PRAGMA foreign_key_check");
    if (broken.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(broken)}`);
  } else {
    // Every B-tree index of Jot's tables, checked against its own invariants (amcheck, shipped with PostgreSQL).
    await db.$executeRawUnsafe("CREATE EXTENSION IF NOT EXISTS amcheck");
    const [{ checked }] = await db.$queryRawUnsafe<[{ checked: bigint }]>(`
      SELECT COUNT(bt_index_check(c.oid)::text) AS "checked" FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
      WHERE a.amname = 'btree' AND c.relnamespace = current_schema()::regnamespace`);
    if (Number(checked) < 10) problems.push(`only ${checked} indexes checked`);
  }
  const counts = await db.$queryRaw<{ username: string; postCount: number; posts: bigint | number }[]>`
    SELECT u."username", u."postCount", (SELECT COUNT(*) FROM "Post" p WHERE p."authorId" = u."id") AS "posts" FROM "User" u`;
  for (const row of counts) if (row.postCount !== Number(row.posts)) problems.push(`${row.username}: postCount ${row.postCount}, posts ${row.posts}`);
  const [seq] = await db.$queryRaw<{ n: bigint | number }[]>`
    SELECT COUNT(*) AS "n" FROM "Notification" n JOIN "User" u ON u."id" = n."userId" WHERE n."seq" > u."notificationSeq"`;
  if (Number(seq!.n) > 0) problems.push(`${seq!.n} notifications numbered past their user's count`);
  return problems;
}

describe(`kill -9 under concurrent writes, ${ROUNDS} rounds (${testProvider})`, () => {
  it("keeps every acknowledged post, message and follow, with clean integrity checks after each kill", { timeout: 180_000 }, async () => {
    for (let round = 1; round <= ROUNDS; round++) {
      const port = await freePort();
      const tsx = join(projectRoot, "node_modules", ".bin", "tsx");
      server = await ServerProcess.start(tsx, ["app/server.ts"], { ...env, HOST: "127.0.0.1", PORT: String(port) }, port, { readyPath: "/login" });
      const writers = Array.from({ length: WRITERS }, (_, i) => names[(i * 5 + round) % USERS]!);
      const writing = Promise.all(writers.map((user) => writer(server!.baseUrl, user, round)));
      // Killed once enough writes were answered (however busy the machine is), while the writers go on.
      const acknowledgedCount = () => acknowledged.posts.length + acknowledged.messages.length + acknowledged.follows.length;
      for (const deadline = Date.now() + MOST_LOAD_MS; acknowledgedCount() <= round * WRITES_EACH_ROUND && Date.now() < deadline; ) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await server.kill();
      await writing;
      server = undefined;

      const posts = new Set((await db.post.findMany({ select: { body: true } })).map((p) => p.body));
      const messages = new Set((await db.message.findMany({ select: { body: true } })).map((m) => m.body));
      const follows = new Set((await db.follow.findMany({ select: { follower: { select: { username: true } }, followed: { select: { username: true } } } })).map((f) => `${f.follower.username}>${f.followed.username}`));
      const lost = [
        ...acknowledged.posts.filter((body) => !posts.has(body)),
        ...acknowledged.messages.filter((body) => !messages.has(body)),
        ...acknowledged.follows.map(([a, b]) => `${a}>${b}`).filter((pair) => !follows.has(pair)),
      ];
      console.log(`round ${round} (${testProvider}): acknowledged so far ${acknowledged.posts.length} posts, ${acknowledged.messages.length} messages, ${acknowledged.follows.length} follows; lost ${lost.length}`);
      expect(acknowledgedCount()).toBeGreaterThan(round * WRITES_EACH_ROUND);
      expect(lost).toEqual([]);
      expect(await integrityProblems()).toEqual([]);
    }
  });
});
