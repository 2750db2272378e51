// Jot grows past one machine as several stateless processes on one PostgreSQL database. Two real
// `npm start` processes, started together on a database that does not exist yet, with the
// production environment docs/running.md gives, must sort out between them its making and its
// migrations, and then serve the same people and the same posts; and behind a real nginx running
// deploy/nginx/jot.conf, over TLS, the same again, with each client counted by its own address.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EventStreamClient } from "../helpers/event-stream-client.js";
import { HttpVisitor } from "../helpers/http-visitor.js";
import { csrfTokenIn } from "../helpers/visitor.js";
import { projectRoot, tmpDir } from "../helpers/paths.js";
import { unmadePostgresDatabaseUrl } from "../helpers/postgres-setup.js";
import { freePort } from "../../scripts/free-port.js";
import { Nginx } from "../helpers/nginx.js";
import { ServerProcess } from "../helpers/server-process.js";

const PASSWORD = "correct horse";
let databaseUrl: string;
// Both processes write their mail here, as two processes of one deployment would hand it to one relay.
const outbox = join(tmpDir, `outbox-${randomBytes(6).toString("hex")}`);
let one: ServerProcess;
let two: ServerProcess;
let nginx: Nginx;

/** The production environment of docs/running.md, as an operator would copy it: `KEY=value` lines, quotes taken off. */
function documentedEnvironment(): Record<string, string> {
  const doc = readFileSync(join(projectRoot, "docs", "running.md"), "utf8");
  const block = /## The production environment[\s\S]*?```sh\n([\s\S]*?)```/.exec(doc)?.[1] ?? "";
  const pairs = block.split("\n").flatMap((line) => {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    return match ? [[match[1]!, match[2]!.replace(/^"(.*)"$/, "$1")] as const] : [];
  });
  return Object.fromEntries(pairs);
}

async function npmStart(env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const port = await freePort();
  return ServerProcess.start("npm", ["start", "--silent"], { ...process.env, ...env, HOST: "127.0.0.1", PORT: String(port) }, port, { readyPath: "/login" });
}

beforeAll(async () => {
  execFileSync("npm", ["run", "build", "--silent"], { cwd: projectRoot, stdio: "pipe" });
  databaseUrl = unmadePostgresDatabaseUrl();
  const documented = documentedEnvironment();
  expect(Object.keys(documented).sort()).toEqual(["DATABASE_URL", "MAIL_FROM", "NODE_ENV", "PUBLIC_URL", "SESSION_SECRET", "SMTP_URL", "TRUST_PROXY"]);
  // The documented block, with what is this test's own: the same secret everywhere (a session
  // cookie made by one process must open on the other), the test's database, and mail written to
  // an outbox the test reads instead of sent to the example's SMTP server.
  const env = {
    ...documented,
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: randomBytes(32).toString("base64url"),
    SMTP_URL: "",
    MAIL_OUTBOX_DIR: outbox,
    LOG_LEVEL: "warn",
    DATABASE_POOL_SIZE: "3",
  };
  const started = await Promise.allSettled([npmStart(env), npmStart(env)]);
  const running = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) {
    // A process group of its own outlives the test run unless stopped here.
    await Promise.all(running.map((server) => server.stop()));
    throw failed.reason;
  }
  [one, two] = running as [ServerProcess, ServerProcess];
  nginx = await Nginx.start([one, two].map((server) => Number(new URL(server.baseUrl).port)));
}, 120_000);

afterAll(() => Promise.all([one?.stop(), two?.stop(), nginx?.stop()]));

// Every migration in the PostgreSQL history, oldest first.
const committedMigrations = readdirSync(join(projectRoot, "prisma", "postgres", "migrations"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe("two Jot processes on one fresh PostgreSQL database", () => {
  it("both came up: one made the database and applied the migrations, the other found them applied", async () => {
    const outputs = [one.output, two.output];
    expect(outputs.filter((o) => o.includes("All migrations have been successfully applied"))).toHaveLength(1);
    // Either it looked while the first was at work, and Prisma waited for it, or it looked after.
    expect(outputs.filter((o) => o.includes("No pending migrations to apply") || o.includes("has every migration"))).toHaveLength(1);
    expect(outputs.join("\n")).not.toContain("42P04");
    const client = new pg.Client(databaseUrl);
    await client.connect();
    const { rows } = await client.query<{ migration_name: string }>(
      'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name',
    );
    await client.end();
    expect(rows.map((r) => r.migration_name)).toEqual(committedMigrations);
  });

  it("a login made through one is valid on the other", async () => {
    const viaOne = new HttpVisitor(one.baseUrl);
    expect((await viaOne.register("roamer", PASSWORD, outbox)).status).toBe(303);
    expect((await viaOne.login("roamer", PASSWORD)).location).toBe("/");
    const home = await viaOne.on(two.baseUrl).get("/");
    expect(home.status).toBe(200);
    expect(home.body).toContain("Hi, roamer!");
  });

  it("a post made on one shows on the other, and one made on the other shows on the first", async () => {
    const viaOne = new HttpVisitor(one.baseUrl);
    await viaOne.login("roamer", PASSWORD);
    const viaTwo = viaOne.on(two.baseUrl);
    expect((await viaOne.submit("/", "/posts", { body: "Written through process one" })).status).toBe(303);
    expect((await viaTwo.get("/")).body).toContain("Written through process one");
    expect((await viaTwo.submit("/", "/posts", { body: "Written through process two" })).status).toBe(303);
    const profile = await viaOne.get("/user/roamer");
    expect(profile.body).toContain("Written through process two");
    expect(profile.body.indexOf("process two")).toBeLessThan(profile.body.indexOf("process one"));
  });

  it("a registration on one is taken into account by the other", async () => {
    const again = await new HttpVisitor(two.baseUrl).register("ROAMER", PASSWORD);
    expect(again.status).toBe(422);
    expect(again.body).toContain("That username is taken");
  });
});

describe("live notifications across processes", () => {
  it("a message sent through one reaches a stream open on the other, and a read on the other clears it on the first", async () => {
    const sender = new HttpVisitor(one.baseUrl);
    await sender.register("sender", PASSWORD, outbox);
    await sender.login("sender", PASSWORD);
    const reader = new HttpVisitor(two.baseUrl);
    await reader.register("reader", PASSWORD, outbox);
    await reader.login("reader", PASSWORD);

    const onTwo = await EventStreamClient.open(`${two.baseUrl}/notifications/stream`, { cookie: reader.cookie });
    const onOne = await EventStreamClient.open(`${one.baseUrl}/notifications/stream`, { cookie: reader.cookie });
    try {
      expect([onTwo.status, onOne.status]).toEqual([200, 200]);
      await Promise.all([onTwo.until(1), onOne.until(1)]);
      expect((await sender.submit("/explore", "/send_message/reader", { message: "across" })).status).toBe(303);
      for (const stream of [onTwo, onOne]) {
        expect((await stream.until(2))[1]).toMatchObject({ id: expect.stringMatching(/^\d+-1$/), data: { kind: "message", from: { username: "sender" }, unread: 1 } });
      }
      // Reading the conversation on process two clears the badge of a tab streaming from process one.
      expect((await reader.get("/messages/sender")).status).toBe(200);
      expect((await onOne.until(3))[2]).toMatchObject({ id: expect.stringMatching(/^\d+-2$/), data: { kind: "read", unread: 0 } });
    } finally {
      await Promise.all([onTwo.close(), onOne.close()]);
    }
  });
});

describe("logging out across processes", () => {
  it("a logout through one ends the same login on the other at once, though the other remembered it", async () => {
    const viaOne = new HttpVisitor(one.baseUrl);
    await viaOne.register("leaver", PASSWORD, outbox);
    await viaOne.login("leaver", PASSWORD);
    const viaTwo = viaOne.on(two.baseUrl);
    // Process two now remembers who this login is, for a minute.
    expect((await viaTwo.get("/")).body).toContain("Hi, leaver!");
    const home = await viaOne.get("/");
    const stolen = viaOne.cookie;
    expect((await viaOne.post("/logout", { _csrf: csrfTokenIn(home.body) })).status).toBe(303);
    // The logout is news to every process: two forgets the user and reads the new version.
    const copy = new HttpVisitor(two.baseUrl, { cookie: stolen });
    await expect.poll(async () => (await copy.get("/")).status, { timeout: 2000 }).toBe(303);
  });

  it("a logout through one ends the login's notification stream open on the other within a second", async () => {
    const viaOne = new HttpVisitor(one.baseUrl);
    await viaOne.register("streamer", PASSWORD, outbox);
    await viaOne.login("streamer", PASSWORD);
    const stream = await EventStreamClient.open(`${two.baseUrl}/notifications/stream`, { cookie: viaOne.cookie });
    try {
      await stream.until(1);
      expect((await viaOne.submit("/", "/logout", {})).status).toBe(303);
      const loggedOut = Date.now();
      await stream.waitFor(() => stream.ended, 1000, "the end of the stream");
      console.log(`stream on the other process ended ${Date.now() - loggedOut} ms after the logout`);
    } finally {
      await stream.close();
    }
  });
});

describe("sign-in limits across processes", () => {
  it("failed sign-ins through either process count together (the counts are in the database)", async () => {
    await new HttpVisitor(one.baseUrl).register("guarded", PASSWORD, outbox);
    // The default limit, 5 per username: three through one, two through the other.
    for (const server of [one, one, one, two, two]) expect((await new HttpVisitor(server.baseUrl).login("guarded", "a guess")).status).toBe(422);
    for (const server of [one, two]) expect((await new HttpVisitor(server.baseUrl).login("guarded", PASSWORD)).status).toBe(429);
  });

  it("60 sign-ins for one name sent at once, half through each, the right password among them, check at most 5 passwords", async () => {
    await new HttpVisitor(one.baseUrl).register("raced", PASSWORD, outbox);
    // Each stranger's browser opens the form on the process it will post to.
    const browsers = [];
    for (let i = 0; i < 60; i++) {
      const browser = new HttpVisitor((i % 2 ? two : one).baseUrl);
      browsers.push({ browser, token: csrfTokenIn((await browser.get("/login")).body) });
    }
    const answers = await Promise.all(
      browsers.map(({ browser, token }, i) => browser.post("/login", { _csrf: token, username: "raced", password: i === 31 ? PASSWORD : `guess ${i}` })),
    );
    const statuses = answers.map((answer) => answer.status);
    const checked = statuses.filter((status) => status === 422).length;
    console.log(`60 sign-ins at once over two processes: ${checked} wrong passwords checked, ${statuses.filter((s) => s === 303).length} × 303, ${statuses.filter((s) => s === 429).length} × 429`);
    expect(checked).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => ![303, 422, 429].includes(s))).toEqual([]);
  });
});

describe("behind nginx, over TLS (deploy/nginx/jot.conf)", () => {
  /** A browser at `address` (any of 127.0.0.0/8), reaching Jot through nginx's TLS. */
  const browserAt = (address = "127.0.0.1") => new HttpVisitor(nginx.httpsUrl, { cookie: "" }, { dispatcher: nginx.client(address) });

  it("sends plain HTTP to HTTPS", async () => {
    const answer = await fetch(`${nginx.httpUrl}/login`, { redirect: "manual" });
    expect(answer.status).toBe(301);
    expect(answer.headers.get("location")).toMatch(/^https:\/\/[^/]+\/login$/);
  });

  it("serves the journey: register, confirm by the mailed link, sign in, post, read it back, with HSTS and a __Host- cookie", async () => {
    const browser = browserAt();
    expect((await browser.register("proxied", PASSWORD, outbox)).status).toBe(303);
    const signIn = await browser.login("proxied", PASSWORD);
    expect(signIn.location).toBe("/");
    expect(browser.cookie).toMatch(/^__Host-jot_session=/);
    expect((await browser.submit("/", "/posts", { body: "Through nginx, over TLS" })).status).toBe(303);
    const home = await fetch(`${nginx.httpsUrl}/`, { headers: { cookie: browser.cookie }, dispatcher: nginx.client() } as RequestInit);
    expect(home.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect(await home.text()).toContain("Through nginx, over TLS");
  });

  it("keeps static files and avatars at the proxy, compressed as they were asked for", async () => {
    for (const path of ["/static/css/site.css", "/avatar/v1/1.svg"]) {
      const fetchIt = () => fetch(`${nginx.httpsUrl}${path}`, { headers: { "accept-encoding": "br" }, dispatcher: nginx.client() } as RequestInit);
      const first = await fetchIt();
      await first.arrayBuffer();
      const second = await fetchIt();
      expect(second.status, path).toBe(200);
      expect(second.headers.get("x-cache"), path).toBe("HIT");
      expect(second.headers.get("cache-control"), path).toMatch(/max-age=\d+/);
      await second.arrayBuffer();
    }
  });

  it("carries a live notification to a stream held through the proxy, whichever process sends it", async () => {
    const reader = browserAt();
    await reader.register("proxy_reader", PASSWORD, outbox);
    await reader.login("proxy_reader", PASSWORD);
    const writer = new HttpVisitor(one.baseUrl);
    await writer.register("proxy_writer", PASSWORD, outbox);
    await writer.login("proxy_writer", PASSWORD);
    const stream = await EventStreamClient.open(`${nginx.httpsUrl}/notifications/stream`, { cookie: reader.cookie }, nginx.certificate);
    try {
      expect(stream.status).toBe(200);
      await stream.until(1);
      // Sent through each process in turn: one of them is the other process from the stream's.
      for (const [n, server] of [one, two].entries()) {
        const sent = await writer.on(server.baseUrl).submit("/explore", "/send_message/proxy_reader", { message: `through ${n}` });
        expect(sent.status).toBe(303);
        expect((await stream.until(2 + n))[1 + n]).toMatchObject({ data: { kind: "message", from: { username: "proxy_writer" } } });
      }
    } finally {
      await stream.close();
    }
  });

  it("counts each client by its own address, and a client's own X-Forwarded-For changes nothing", async () => {
    // Five reset requests an hour per address (the default): the sixth from one address is refused.
    const ask = (browser: HttpVisitor, n: number, headers: Record<string, string> = {}) =>
      browser.get("/reset_password_request").then((page) =>
        browser.post("/reset_password_request", { _csrf: csrfTokenIn(page.body), email: `someone${n}@example.com` }, headers),
      );
    const first = browserAt("127.0.0.2");
    for (let n = 0; n < 5; n++) expect((await ask(first, n)).status).toBe(303);
    expect((await ask(first, 5)).status).toBe(429);
    // Another client is not held back by it.
    expect((await ask(browserAt("127.0.0.3"), 6)).status).toBe(303);
    // Nor can the first get past it by saying it is someone else.
    expect((await ask(first, 7, { "x-forwarded-for": "203.0.113.9" })).status).toBe(429);
    expect((await ask(first, 8, { "x-forwarded-for": "127.0.0.4, 203.0.113.9" })).status).toBe(429);
  });
});

describe("shutting down", () => {
  it("each process ends cleanly on SIGTERM, in seconds, even with streams open: they are ended, and their browsers reconnect", async () => {
    const reader = new HttpVisitor(one.baseUrl);
    await reader.login("reader", PASSWORD);
    const streams = await Promise.all([one, two].map((server) => EventStreamClient.open(`${server.baseUrl}/notifications/stream`, { cookie: reader.cookie })));
    await Promise.all(streams.map((stream) => stream.until(1)));
    const started = Date.now();
    expect(await Promise.all([one.stop(), two.stop()])).toEqual([0, 0]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(streams.map((stream) => stream.ended)).toEqual([true, true]);
  });
});
