// Asking for a password reset answers in the same time whether or not the address has an account:
// finding the account, writing its link and mailing it happen after the answer has gone. Measured
// as the probe did, over real HTTP from another process (what the server does after answering
// never falls inside a measured time, as it would not for a client elsewhere): 200 known and 200
// unknown addresses, interleaved, and a rank test must not tell them apart.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../app/plugins/session.js";
import { testApp } from "../helpers/app.js";
import { projectRoot } from "../helpers/paths.js";
import { sideDoor } from "../helpers/posts.js";
import { mannWhitneyP } from "../helpers/rank-test.js";
import { mailsIn } from "../helpers/outbox.js";

const EACH = 200;
const SIGNIFICANCE = 0.01;
const BATCHES = 3;

const { app, config } = await testApp();
const { db } = await sideDoor(config);
let base: string;

beforeAll(async () => {
  base = await app.listen({ host: "127.0.0.1", port: 0 });
  // Every address is asked about once, known or not, as a prober would ask.
  await db.user.createMany({
    data: Array.from({ length: BATCHES * EACH }, (_, i) => ({ username: `known${i}`, usernameKey: `known${i}`, email: `known${i}@example.com`, passwordHash: "x" })),
  });
});
afterAll(() => app.close());

/** Posts each address to the reset form from another process; the answers' statuses and times. */
async function timedRequests(addresses: string[]): Promise<{ status: number; ms: number }[]> {
  const page = await fetch(`${base}/reset_password_request`);
  const cookie = page.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!.split(";")[0]!;
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const tsx = join(projectRoot, "node_modules", ".bin", "tsx");
  const child = spawn(tsx, ["tests/helpers/timed-posts.ts", `${base}/reset_password_request`, cookie, token, "email"], { cwd: projectRoot, stdio: ["pipe", "pipe", "inherit"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stdin.end(JSON.stringify(addresses));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`the timing client exited with ${code}`);
  return JSON.parse(output) as { status: number; ms: number }[];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

describe("reset requests for known and unknown addresses", () => {
  it(`are answered alike, in a time a rank test cannot tell apart (p > ${SIGNIFICANCE}, over ${EACH} + ${EACH} interleaved)`, async () => {
    const batches: { p: number; known: number; unknown: number }[] = [];
    let [known, unknown] = [0, 0];
    for (let batch = 0; batch < BATCHES; batch++) {
      // Known, unknown, then unknown, known, … so that drift in the machine's load falls on both.
      const order = Array.from({ length: 2 * EACH }, (_, i) => (Math.floor(i / 2) % 2 === 0 ? i % 2 === 0 : i % 2 === 1));
      const addresses = order.map((isKnown) => (isKnown ? `known${known++}@example.com` : `nobody${unknown++}@example.com`));
      const answers = await timedRequests(addresses);
      expect(new Set(answers.map((a) => a.status))).toEqual(new Set([303]));
      const knownTimes = answers.filter((_, i) => order[i]).map((a) => a.ms);
      const unknownTimes = answers.filter((_, i) => !order[i]).map((a) => a.ms);
      batches.push({ p: mannWhitneyP(knownTimes, unknownTimes), known: median(knownTimes), unknown: median(unknownTimes) });
      // A batch skewed by another process busy for a moment is measured again; a real difference skews every one.
      if (batches.at(-1)!.p > SIGNIFICANCE) break;
    }
    const figures = batches.map((b) => `known median ${b.known.toFixed(2)} ms, unknown ${b.unknown.toFixed(2)} ms, p = ${b.p.toPrecision(2)}`).join("; ");
    console.log(`reset request timing (${config.database.provider}): ${figures}`);
    expect(Math.max(...batches.map((b) => b.p)), figures).toBeGreaterThan(SIGNIFICANCE);
    // The links were sent all the same, after the answers: to the known addresses only.
    await expect.poll(() => mailsIn(config.mail.outboxDir).length, { timeout: 10_000 }).toBe(batches.length * EACH);
    expect(mailsIn(config.mail.outboxDir).every((mail) => mail.to.startsWith("known"))).toBe(true);
  });
});
