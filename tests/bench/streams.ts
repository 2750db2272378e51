// The live-notification part of `npm run bench`: open streams held by one Jot process (memory per
// stream, CPU while idle), and how fast news reaches them: one message to a user with 10 open tabs,
// and a burst of one message to each of 1,000 connected users. On PostgreSQL the messages are sent
// through one Jot process and the streams are held by another, so every event crosses LISTEN/NOTIFY.
import { setTimeout as sleep } from "node:timers/promises";
import { EventStreamClient } from "../helpers/event-stream-client.js";
import { HttpVisitor } from "../helpers/http-visitor.js";
import type { ServerProcess } from "../helpers/server-process.js";
import { csrfTokenIn } from "../helpers/visitor.js";

/** Tabs of one user in the fan-out, and how many messages are timed to them. */
const TABS = 10;
const FANOUT_MESSAGES = 50;
/** Logins and sends in flight at once. */
const PARALLEL = 16;
const IDLE_SECONDS = 30;
const EVENT_WAIT_MS = 30_000;

export interface StreamsResult {
  crossProcess: boolean;
  streams: number;
  rssBeforeMb: number;
  rssWithStreamsMb: number;
  rssPerStreamKb: number;
  idleSeconds: number;
  idleCpuPercent: number;
  fanout: { tabs: number; messages: number; p50Ms: number; p99Ms: number };
  burst: { messages: number; p50Ms: number; p99Ms: number; allDeliveredMs: number };
}

/** Runs `work` over `items`, `parallel` at a time. */
async function inParallel<T, R>(items: T[], parallel: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!);
      }
    }),
  );
  return results;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const round = (ms: number) => Math.round(ms * 10) / 10;

function summary(latencies: number[]): { p50Ms: number; p99Ms: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)) };
}

/** A logged-in sender, with the CSRF token its forms need. */
async function sender(baseUrl: string, username: string, password: string) {
  const visitor = new HttpVisitor(baseUrl);
  await visitor.login(username, password);
  const csrf = csrfTokenIn((await visitor.get("/")).body);
  return {
    send: async (to: string, message: string) => {
      const response = await visitor.post(`/send_message/${encodeURIComponent(to)}`, { _csrf: csrf, message });
      if (response.status !== 303) throw new Error(`sending to ${to} answered ${response.status}`);
    },
  };
}

/** Resolves when `stream` receives an event with an id (a notification), with the time it arrived. */
function nextNotification(stream: EventStreamClient): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no event within 30 s")), EVENT_WAIT_MS);
    stream.onEvent = (event) => {
      if (event.id === undefined) return;
      clearTimeout(timer);
      stream.onEvent = undefined;
      resolve(performance.now());
    };
  });
}

async function openStream(server: ServerProcess, cookie: string): Promise<EventStreamClient> {
  const stream = await EventStreamClient.open(`${server.baseUrl}/notifications/stream`, { cookie });
  if (stream.status !== 200) throw new Error(`a stream answered ${stream.status}`);
  await stream.until(1, EVENT_WAIT_MS);
  return stream;
}

/**
 * `usernames` (all with `password`) each hold one stream on `receiving`; messages are sent through
 * `sending` (the same process on SQLite).
 */
export async function benchStreams(sending: ServerProcess, receiving: ServerProcess, usernames: string[], password: string): Promise<StreamsResult> {
  const [first, second, ...rest] = usernames;
  if (!first || !second || rest.length === 0) throw new Error("the streams bench needs at least 3 users");
  console.log(`Streams: logging in ${usernames.length} users…`);
  const cookies = await inParallel(usernames, PARALLEL, async (username) => {
    const visitor = new HttpVisitor(receiving.baseUrl);
    const response = await visitor.login(username, password);
    if (response.status !== 303) throw new Error(`login of ${username} answered ${response.status}`);
    return visitor.cookie;
  });
  // The first user writes to everyone else, the second to the first.
  const fromFirst = await sender(sending.baseUrl, first, password);
  const fromSecond = await sender(sending.baseUrl, second, password);
  await sleep(2000);
  const rssBeforeMb = receiving.rssMb();

  console.log(`- holding ${usernames.length} open streams`);
  const streams = await inParallel(cookies, PARALLEL * 4, (cookie) => openStream(receiving, cookie));
  await sleep(2000);
  const rssWithStreamsMb = receiving.rssMb();
  const cpuBefore = receiving.cpuSeconds();
  await sleep(IDLE_SECONDS * 1000);
  const idleCpuPercent = round(((receiving.cpuSeconds() - cpuBefore) / IDLE_SECONDS) * 100);

  console.log(`- a burst of ${usernames.length} messages, one to each connected user`);
  const burstStart = performance.now();
  const latencies = await inParallel([...usernames.keys()], PARALLEL * 2, async (i) => {
    const to = usernames[i]!;
    const arrived = nextNotification(streams[i]!);
    const sent = performance.now();
    await (to === first ? fromSecond : fromFirst).send(to, "Burst");
    return (await arrived) - sent;
  });
  const allDeliveredMs = round(performance.now() - burstStart);
  await Promise.all(streams.map((stream) => stream.close()));

  console.log(`- one message to a user with ${TABS} open tabs, ${FANOUT_MESSAGES} times`);
  const tabs = await Promise.all(Array.from({ length: TABS }, () => openStream(receiving, cookies[2]!)));
  const fanout: number[] = [];
  for (let i = 0; i < FANOUT_MESSAGES; i++) {
    const arrivals = Promise.all(tabs.map(nextNotification));
    const sent = performance.now();
    await fromFirst.send(usernames[2]!, `Fan-out ${i}`);
    fanout.push(Math.max(...(await arrivals)) - sent);
  }
  await Promise.all(tabs.map((tab) => tab.close()));

  return {
    crossProcess: sending !== receiving,
    streams: streams.length,
    rssBeforeMb,
    rssWithStreamsMb,
    rssPerStreamKb: round(((rssWithStreamsMb - rssBeforeMb) * 1024) / streams.length),
    idleSeconds: IDLE_SECONDS,
    idleCpuPercent,
    fanout: { tabs: TABS, messages: FANOUT_MESSAGES, ...summary(fanout) },
    burst: { messages: latencies.length, ...summary(latencies), allDeliveredMs },
  };
}
