// Every form and every route parameter of Jot, fuzzed with hostile input from a seeded generator
// (hostile-inputs.ts): overlong text, bytes that are not UTF-8, lone surrogates, NUL and control
// characters, huge and negative numbers, repeated fields, arrays and objects for strings,
// prototype keys, wrong content types, traversal in names, hostile cursors, `next`s and headers.
// Each answer must be below 500, and a refused request (a 4xx, a bad CSRF token, a visitor on a
// page for users, a HEAD, any GET that has no business writing) must leave the database as it
// was: the database's fingerprint (every table a request could change) is taken again after each
// request in which Jot ran a statement that may write (its own query log says), and after every
// 100th anyway, which would catch a write the log missed. The routes come from Fastify itself,
// so a route this file has no fuzzer for fails it.
//
// FUZZ_SEED=<n> replays a run (the seed is printed at the end, and each route's inputs depend on
// the seed and the route alone); FUZZ_SCALE=<x> sends x times as many inputs.
import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../app/paths.js";
import { AccountTokenRepository } from "../../app/repositories/account-token-repository.js";
import { minified } from "../../app/plugins/static-files.js";
import { IDENTICON_VERSION } from "../../app/view-models/identicon.js";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { testProvider } from "../helpers/database.js";
import { sideDoor } from "../helpers/posts.js";
import { csrfTokenIn, Visitor } from "../helpers/visitor.js";
import { encodeText, Hostile, NUMBERS, seedFor, urlSafe, type FormRequest, type Plausible } from "./hostile-inputs.js";

const SEED = Number.parseInt(process.env.FUZZ_SEED ?? "20261130", 10);
const SCALE = Number(process.env.FUZZ_SCALE ?? "1");
if (!Number.isSafeInteger(SEED) || !(SCALE > 0)) throw new Error("FUZZ_SEED must be an integer and FUZZ_SCALE a positive number");
/** A request that has not been answered by then has hung; after this many, the route's fuzzing stops. */
const ANSWER_WITHIN_MS = 10_000;
const MOST_UNANSWERED = 3;
const PASSWORD = "correct horse";

/** The SQL of every statement Jot runs (its own query log): a request that ran no write needs no new fingerprint. */
const statements: string[] = [];
const { app, config } = await testApp({}, statements);
const { db, addPosts } = await sideDoor(config);
const tokens = new AccountTokenRepository(db);

/** What Jot threw while answering, by request id (a 500's cause, for the report). */
const thrown = new Map<string, unknown>();
app.addHook("onError", async (request, _reply, error) => {
  thrown.set(String(request.id), error);
});

// ---------------------------------------------------------------------------------------------
// Who sends the requests

/** Users the fuzzer acts as; each route that changes an account has one of its own. */
type UserActor = "fuzzer" | "pending" | "editor" | "settler" | "leaver";
/** A user, a visitor with a session but no login, no cookie at all, or a cookie Jot never made. */
type Sender = UserActor | "anonymous" | "nobody" | "stranger";
const USER_ACTORS: readonly Sender[] = ["fuzzer", "pending", "editor", "settler", "leaver"];

interface Actor {
  username: string | null;
  visitor: Visitor;
  token: string;
}

const actors = {} as Record<UserActor | "anonymous", Actor>;
let generation = 0;

/** A fresh CSRF token from a page of the actor's own; false when that page is not theirs any more (logged out). */
async function refresh(actor: Actor): Promise<boolean> {
  const page = await actor.visitor.get(actor.username ? "/settings" : "/login");
  if (page.statusCode !== 200) return false;
  actor.token = csrfTokenIn(page.body);
  return true;
}

/** A new user, registered (address confirmed unless `confirm` is false) and logged in. */
async function newUser(username: string, confirm = true): Promise<Actor> {
  let visitor: Visitor;
  if (confirm) visitor = await loggedInVisitor(app, username);
  else {
    visitor = new Visitor(app);
    await visitor.register(username, PASSWORD, `${username}@example.com`, { confirm: false });
    await visitor.login(username);
  }
  const actor = { username, visitor, token: "" };
  if (!(await refresh(actor))) throw new Error(`could not log ${username} in`);
  return actor;
}

async function anonymous(): Promise<Actor> {
  const actor = { username: null, visitor: new Visitor(app), token: "" };
  await refresh(actor);
  return actor;
}

/** The actor logged in again, or replaced by a new user of the same role when its account (or its password) is gone. */
async function revive(role: UserActor, replace: boolean): Promise<void> {
  const actor = actors[role];
  if (!replace) {
    const visitor = new Visitor(app);
    if ((await visitor.login(actor.username!)).statusCode === 303) {
      actor.visitor = visitor;
      if (await refresh(actor)) return;
    }
  }
  actors[role] = await newUser(`${role}${++generation}`, role !== "pending");
}

// ---------------------------------------------------------------------------------------------
// The database's fingerprint: everything a request might write (but the sign-in and action
// counters, which count refused attempts on purpose, and "last seen", which any page keeps).

const FINGERPRINT =
  testProvider === "sqlite"
    ? `SELECT
        (SELECT group_concat(x, char(10)) FROM (SELECT "id" || ':' || "username" || ':' || "email" || ':' || "aboutMe" || ':' || "passwordHash"
           || ':' || "sessionVersion" || ':' || ("emailVerifiedAt" IS NOT NULL) AS x FROM "User" ORDER BY "id")) AS users,
        (SELECT count(*) || '/' || coalesce(sum("id"), 0) FROM "Post") AS posts,
        (SELECT group_concat(x, ',') FROM (SELECT "followerId" || '>' || "followedId" AS x FROM "Follow" ORDER BY "followerId", "followedId")) AS follows,
        (SELECT count(*) || '/' || coalesce(sum("id"), 0) FROM "Message") AS messages,
        (SELECT count(*) || '/' || coalesce(sum("seq"), 0) || '/' || coalesce(sum("userId"), 0) FROM "Notification") AS notifications,
        (SELECT group_concat(x, ',') FROM (SELECT "hash" || ':' || "purpose" || ':' || coalesce("email", '') AS x FROM "AccountToken" ORDER BY "hash")) AS tokens`
    : `SELECT
        (SELECT string_agg(concat_ws(':', "id", "username", "email", "aboutMe", "passwordHash", "sessionVersion", "emailVerifiedAt" IS NOT NULL), E'\\n' ORDER BY "id") FROM "User") AS users,
        (SELECT count(*) || '/' || coalesce(sum("id"), 0) FROM "Post") AS posts,
        (SELECT string_agg("followerId" || '>' || "followedId", ',' ORDER BY "followerId", "followedId") FROM "Follow") AS follows,
        (SELECT count(*) || '/' || coalesce(sum("id"), 0) FROM "Message") AS messages,
        (SELECT count(*) || '/' || coalesce(sum("seq"), 0) || '/' || coalesce(sum("userId"), 0) FROM "Notification") AS notifications,
        (SELECT string_agg(concat_ws(':', "hash", "purpose", "email"), ',' ORDER BY "hash") FROM "AccountToken") AS tokens`;

type Fingerprint = Record<"users" | "posts" | "follows" | "messages" | "notifications" | "tokens", string | null>;

async function fingerprint(): Promise<Fingerprint> {
  const [row] = await db.$queryRawUnsafe<Fingerprint[]>(FINGERPRINT);
  return row!;
}

/** Which tables differ, and for users the rows that do. */
function difference(before: Fingerprint, after: Fingerprint): string {
  const changed: string[] = [];
  for (const table of Object.keys(before) as (keyof Fingerprint)[]) {
    if (before[table] === after[table]) continue;
    if (table !== "users") changed.push(`${table} ${before[table]} → ${after[table]}`);
    else {
      const old = new Set((before.users ?? "").split("\n"));
      const rows = (after.users ?? "").split("\n").filter((row) => !old.has(row));
      const gone = [...old].filter((row) => !(after.users ?? "").split("\n").includes(row));
      changed.push(`users: now ${JSON.stringify(rows.map((r) => r.slice(0, 120)))}, were ${JSON.stringify(gone.map((r) => r.slice(0, 120)))}`);
    }
  }
  return changed.join("; ");
}

// ---------------------------------------------------------------------------------------------
// What is known once the users exist: names, a real cursor, a notification number, link secrets

const known = { cursor: "", postId: "1", ownPostId: "1", seq: "0", fuzzerId: 0, resetSecret: "", verifySecret: "", resetee: 0, verifiee: 0 };
const NAMES = ["target", "followed", "fuzzer", "nobody_here", "FUZZER"];

/** A working link of `purpose` for `userId`, as if Jot had mailed it (in place of the one before). */
async function issueLink(purpose: "reset" | "verify", userId: number, email: string | null): Promise<string> {
  const secret = randomBytes(32).toString("base64url");
  await tokens.replace(userId, purpose, createHash("sha256").update(secret).digest("hex"), new Date(Date.now() + 60 * 60_000), email);
  return secret;
}

async function userId(username: string): Promise<number> {
  return (await db.user.findUniqueOrThrow({ where: { usernameKey: username.toLowerCase() } })).id;
}

// ---------------------------------------------------------------------------------------------
// The fuzzers, route by route

interface Probe {
  method: "GET" | "HEAD" | "POST";
  url: string;
  as: Sender;
  headers: Record<string, string>;
  payload?: string | Buffer;
  remoteAddress?: string;
  /** What sort of input this is, for the summary. */
  kind: string;
  /** The session's own CSRF token, sent once, as a string. */
  csrfValid: boolean;
}

interface RouteFuzz {
  /** Inputs per run (times FUZZ_SCALE). */
  inputs: number;
  /** Only a logged-in user may do this: from anyone else it writes nothing, whatever the answer. */
  login: boolean;
  /** A GET that may write when it is not refused (opening a conversation reads it; opening an emailed link uses it). */
  getWrites?: boolean;
  make(h: Hostile): Probe;
  /** After a POST that was not refused: what becomes of the sender (default: a fresh token, still logged in). */
  afterAccepted?: "relogin" | "replace" | "new visitor";
  /** After a request that was let through (a POST, or a GET that wrote): put the world back (a used link is issued again). */
  restore?: () => Promise<void>;
}

type Weights = readonly (readonly [number, Sender])[];
const AS_USER = (user: UserActor): Weights => [[86, user], [8, "anonymous"], [6, "nobody"]];
const PAGE_SENDERS: Weights = [[84, "fuzzer"], [6, "anonymous"], [5, "nobody"], [5, "stranger"]];
const PUBLIC_SENDERS: Weights = [[50, "anonymous"], [30, "nobody"], [10, "fuzzer"], [10, "stranger"]];
const FORM_VISITORS: Weights = [[94, "anonymous"], [6, "nobody"]];

function pickSender(h: Hostile, weights: Weights): Sender {
  return h.weighted(weights.map(([weight, sender]) => [weight, () => sender] as const));
}

const tokenOf = (sender: Sender) => (sender === "nobody" || sender === "stranger" ? undefined : actors[sender].token);

/** A GET page: its path (encoded), the query parameters it reads (each with its usual value), and who asks. */
function page(
  inputs: number,
  path: (h: Hostile) => string,
  params: Record<string, (h: Hostile) => string> = {},
  options: { login?: boolean; senders?: Weights; headers?: (h: Hostile) => Record<string, string>; getWrites?: boolean } = {},
): RouteFuzz {
  return {
    inputs,
    login: options.login ?? true,
    getWrites: options.getWrites,
    make(h) {
      const as = pickSender(h, options.senders ?? PAGE_SENDERS);
      const usual = Object.fromEntries(Object.entries(params).map(([name, value]) => [name, () => value(h)]));
      const { query, kind } = h.query(usual);
      const headers = { ...(h.chance(0.1) ? h.headers() : {}), ...(options.headers?.(h) ?? {}) };
      if (as === "stranger") headers.cookie = h.strangerCookie(actors.fuzzer.visitor.cookieHeader());
      return { method: h.chance(0.1) ? "HEAD" : "GET", url: path(h) + query, as, headers, kind: `query: ${kind}`, csrfValid: true };
    },
  };
}

/** A POST form: its path (encoded), its fields (each with its usual value), and who sends it. */
function form(
  inputs: number,
  path: (h: Hostile) => string,
  fields: Record<string, Plausible>,
  senders: Weights,
  options: Partial<Pick<RouteFuzz, "afterAccepted" | "restore" | "login">> & { remoteAddress?: (h: Hostile) => string } = {},
): RouteFuzz {
  return {
    inputs,
    login: options.login ?? true,
    afterAccepted: options.afterAccepted,
    restore: options.restore,
    make(h) {
      const as = pickSender(h, senders);
      const url = path(h);
      const body: FormRequest = h.form(fields, tokenOf(as));
      return { method: "POST", url, as, ...body, remoteAddress: options.remoteAddress?.(h) };
    },
  };
}

const username = (h: Hostile) => h.usernameSegment(NAMES);
const cursor = (h: Hostile) => h.cursor(known.cursor);
const PAGES = { before: cursor, after: cursor };
const letters = (h: Hostile, min: number, max: number) => h.chars(h.between(min, max), "letters");
/** A name no one has, that would be a valid one. */
const freshName = (h: Hostile) => `${h.pick(["r", "R", "x_", "a.b-"])}${letters(h, 2, 12)}${h.int(1000)}`;
/** Addresses for sign-ins, so that the limit per address is reached only now and then (at 10.9.9.9). */
const someAddress = (h: Hostile) => (h.chance(0.15) ? "10.9.9.9" : `10.${h.int(256)}.${h.int(256)}.${1 + h.int(254)}`);

/** Every route Jot has, "METHOD /path" as Fastify names it, and how it is fuzzed. Each GET is sent as HEAD now and then too. */
const ROUTES: Record<string, RouteFuzz> = {
  // Pages, with their cursors.
  "GET /": page(500, () => "/", PAGES),
  "GET /explore": page(450, () => "/explore", PAGES),
  "GET /user/:username": page(550, (h) => `/user/${username(h)}`, PAGES),
  "GET /post/:id": page(350, (h) => `/post/${encodeText(h.sequence(known.postId))}`, { after: cursor, reply: () => "" }),
  "GET /post/:id/edit": page(250, (h) => `/post/${encodeText(h.sequence(h.pick([known.postId, known.ownPostId])))}/edit`),
  "GET /post/:id/delete": page(300, (h) => `/post/${encodeText(h.sequence(h.pick([known.postId, known.ownPostId])))}/delete`),
  "GET /tag/:tag": page(300, (h) => `/tag/${h.weighted<string>([[5, () => h.pick(["jot", "JOT", "k%C3%B6ln", "nothing_here", "123", "a-b"])], [5, () => encodeText(h.text(() => "jot"))]])}`, PAGES),
  "GET /post/:id/likes": page(250, (h) => `/post/${encodeText(h.sequence(known.postId))}/likes`, PAGES),
  "GET /post/:id/reposts": page(200, (h) => `/post/${encodeText(h.sequence(known.postId))}/reposts`, PAGES),
  "GET /user/:username/with_replies": page(250, (h) => `/user/${username(h)}/with_replies`, PAGES),
  "GET /user/:username/followers": page(350, (h) => `/user/${username(h)}/followers`, PAGES),
  "GET /user/:username/following": page(350, (h) => `/user/${username(h)}/following`, PAGES),
  "GET /user/:username/popup": page(350, (h) => `/user/${username(h)}/popup`, {}, { senders: [[70, "fuzzer"], [15, "anonymous"], [10, "nobody"], [5, "stranger"]] }),
  "GET /send_message/:username": page(300, (h) => `/send_message/${username(h)}`),
  "GET /messages": page(350, () => "/messages", PAGES),
  // Opening a conversation reads it: a write.
  "GET /messages/:username": page(400, (h) => `/messages/${username(h)}`, { ...PAGES, reply: () => "" }, { getWrites: true }),
  // The page, and (asked for JSON, as the script asks) the news to poll: one address for both.
  "GET /notifications": page(450, () => "/notifications", { since: (h) => h.sequence(known.seq), ...PAGES }, {
    headers: (h): Record<string, string> => (h.chance(0.5) ? { accept: h.pick(["application/json", "application/json, text/plain, */*", "text/html"]) } : {}),
  }),
  "GET /people/:id": page(250, (h) => `/people/${encodeText(h.sequence(String(known.fuzzerId)))}`),
  // Under inject the stream ends as soon as it opens (there is no socket to keep it open), so its
  // GET is fuzzed too: the Last-Event-ID and ?after= are read, the subscription made and closed.
  "GET /notifications/stream": page(300, () => "/notifications/stream", { after: (h) => h.sequence(known.seq) }, {
    headers: (h): Record<string, string> =>
      h.chance(0.7)
        ? {
            "last-event-id": h.weighted<string>([
              [3, () => `${known.fuzzerId}-${known.seq}`],
              [2, () => `${known.fuzzerId}-${h.sequence(known.seq)}`],
              [2, () => `${h.pick(NUMBERS)}-${h.sequence(known.seq)}`],
              [3, () => urlSafe(h.text(() => "1-1"))],
            ]),
          }
        : {},
  }),
  "GET /avatar/:version/:file": page(
    450,
    (h) =>
      `/avatar/${h.weighted<string>([
        [6, () => `v${IDENTICON_VERSION}`],
        [3, () => h.pick(["v0", `v${IDENTICON_VERSION + 1}`, "V1", "v01", "v1.0", "v", "..", "%2e%2e", "v1%00", "v-1", `v${"9".repeat(50)}`])],
        [1, () => encodeText(h.text())],
      ])}/${h.weighted<string>([
        [4, () => `${h.pick([...NUMBERS, String(known.fuzzerId), "2147483647", "2147483648", "9999999999", "01"])}.svg`],
        [2, () => h.pick(["1.svg%00.png", "..%2f..%2fpackage.json", ".svg", "1.SVG", "1.svg.", "1.svg/", "1", "%31.svg", "1.svg?x", "1..svg", "1.svg%2f"])],
        [2, () => encodeText(`${h.text()}.svg`)],
        [1, () => `${"1".repeat(h.pick([10, 11, 99, 101, 5000]))}.svg`],
      ])}`,
    {},
    { login: false, senders: PUBLIC_SENDERS },
  ),
  "GET /static/*": page(
    300,
    (h) =>
      `/static/${h.weighted<string>([
        [2, () => h.pick(["css/site.css", "js/site.js", "img/favicon.svg"])],
        [6, () => h.pick(STATIC_ATTACKS)],
        [2, () => encodeText(h.text(() => "css/site.css"))],
      ])}`,
    {},
    { login: false, senders: PUBLIC_SENDERS },
  ),
  "GET /login": page(400, () => "/login", { next: (h) => h.next() }, { login: false, senders: PUBLIC_SENDERS }),
  "GET /register": page(120, () => "/register", {}, { login: false, senders: PUBLIC_SENDERS }),
  "GET /settings": page(120, () => "/settings"),
  "GET /settings/delete": page(80, () => "/settings/delete"),
  "GET /settings/:form": page(120, (h) => `/settings/${h.pick(["email", "password", "logout_everywhere", "delete", "nothing"])}`),
  // Development and tests only: reads the outbox folder, whatever is asked.
  "GET /dev/mail": page(60, () => "/dev/mail", {}, { login: false, senders: PUBLIC_SENDERS }),
  "GET /dev/styleguide": page(40, () => "/dev/styleguide", {}, { login: false, senders: PUBLIC_SENDERS }),
  "GET /edit_profile": page(120, () => "/edit_profile"),
  "GET /reset_password_request": page(120, () => "/reset_password_request", {}, { login: false, senders: PUBLIC_SENDERS }),
  "GET /reset_password/:token": page(350, (h) => `/reset_password/${h.tokenSegment(known.resetSecret)}`, {}, { login: false, senders: PUBLIC_SENDERS }),
  // Opening the link only asks (a mail scanner's GET or HEAD must not use it up); its button confirms.
  "GET /verify_email/:token": page(350, (h) => `/verify_email/${h.tokenSegment(known.verifySecret)}`, {}, { login: false, senders: PUBLIC_SENDERS }),

  // Forms of a logged-in user.
  "POST /posts": form(700, () => "/posts", { body: () => "Hello, fuzzy world" }, [
    [80, "fuzzer"],
    [8, "pending"],
    [7, "anonymous"],
    [5, "nobody"],
  ]),
  "POST /send_message/:username": form(500, (h) => `/send_message/${username(h)}`, { message: () => "A message for you" }, [
    [80, "fuzzer"],
    [8, "pending"],
    [7, "anonymous"],
    [5, "nobody"],
  ]),
  "POST /post/:id/replies": form(400, (h) => `/post/${encodeText(h.sequence(h.pick([known.postId, known.ownPostId])))}/replies`, { body: () => "A fuzzy reply" }, [
    [80, "fuzzer"],
    [8, "pending"],
    [7, "anonymous"],
    [5, "nobody"],
  ]),
  "POST /post/:id/like": form(300, (h) => `/post/${encodeText(h.sequence(h.pick([known.postId, known.ownPostId])))}/like`, { next: () => "/explore" }, AS_USER("fuzzer")),
  "POST /post/:id/unlike": form(250, (h) => `/post/${encodeText(h.sequence(h.pick([known.postId, known.ownPostId])))}/unlike`, { next: () => "/explore" }, AS_USER("fuzzer")),
  "POST /post/:id/repost": form(250, (h) => `/post/${encodeText(h.sequence(h.pick([known.postId, known.ownPostId])))}/repost`, { next: () => "/explore" }, AS_USER("fuzzer")),
  "POST /post/:id/unrepost": form(200, (h) => `/post/${encodeText(h.sequence(h.pick([known.postId, known.ownPostId])))}/unrepost`, { next: () => "/explore" }, AS_USER("fuzzer")),
  "POST /post/:id/edit": form(350, (h) => `/post/${encodeText(h.sequence(h.pick([known.postId, known.ownPostId])))}/edit`, { body: () => "A fuzzy edit" }, [
    [80, "fuzzer"],
    [8, "pending"],
    [7, "anonymous"],
    [5, "nobody"],
  ]),
  "POST /post/:id/delete": form(300, (h) => `/post/${encodeText(h.sequence(h.pick([known.postId, known.ownPostId])))}/delete`, {}, AS_USER("fuzzer")),
  "POST /follow/:username": form(400, (h) => `/follow/${username(h)}`, { next: () => "/explore" }, AS_USER("fuzzer")),
  "POST /unfollow/:username": form(400, (h) => `/unfollow/${username(h)}`, { next: () => "/user/followed" }, AS_USER("fuzzer")),
  "POST /edit_profile": form(450, () => "/edit_profile", { username: () => actors.editor.username!, about_me: () => "Just fuzzing around" }, AS_USER("editor")),
  "POST /settings/email": form(
    300,
    () => "/settings/email",
    { email: (_, h) => `new${h.int(1e9)}@example.com`, email_password: () => PASSWORD },
    AS_USER("settler"),
  ),
  "POST /settings/password": form(
    300,
    () => "/settings/password",
    { current_password: () => PASSWORD, password: () => "new horse battery", password2: (values) => values.password ?? "" },
    AS_USER("settler"),
    { afterAccepted: "replace" },
  ),
  "POST /settings/delete": form(300, () => "/settings/delete", { delete_password: () => PASSWORD }, AS_USER("settler"), { afterAccepted: "replace" }),
  "POST /settings/logout_everywhere": form(120, () => "/settings/logout_everywhere", {}, AS_USER("leaver"), { afterAccepted: "relogin" }),
  "POST /logout": form(150, () => "/logout", {}, [[70, "leaver"], [20, "anonymous"], [10, "nobody"]], { afterAccepted: "relogin", login: false }),
  "POST /verify_email/resend": form(150, () => "/verify_email/resend", {}, [
    [50, "pending"],
    [30, "fuzzer"],
    [12, "anonymous"],
    [8, "nobody"],
  ]),

  // Forms of a visitor.
  "POST /login": form(
    400,
    () => "/login",
    {
      username: (_, h) => h.pick(["fuzzer", "target", "followed", "resetee", "requester", "FUZZER", " target ", "nobody_here"]),
      password: () => PASSWORD,
      remember_me: () => "y",
      next: () => "/explore",
    },
    FORM_VISITORS,
    { login: false, afterAccepted: "new visitor", remoteAddress: someAddress },
  ),
  "POST /register": form(
    300,
    () => "/register",
    {
      username: (_, h) => freshName(h),
      email: (values, h) => `${values.username ?? freshName(h)}@example.com`,
      password: () => "correct horse battery",
      password2: (values) => values.password ?? "",
    },
    FORM_VISITORS,
    { login: false, remoteAddress: someAddress },
  ),
  // An address with no account: for one with an account the link is written and mailed up to a
  // second after the answer (so its timing tells nothing), which would land among later inputs'
  // fingerprints. That path is the route tests' and the timing test's.
  "POST /reset_password_request": form(300, () => "/reset_password_request", { email: () => "no-account@example.com" }, FORM_VISITORS, {
    login: false,
    remoteAddress: someAddress,
  }),
  "POST /verify_email/:token": form(350, (h) => `/verify_email/${h.tokenSegment(known.verifySecret)}`, {}, FORM_VISITORS, {
    login: false,
    afterAccepted: "new visitor",
    restore: async () => {
      known.verifySecret = await issueLink("verify", known.verifiee, "verifiee@example.com");
    },
  }),
  "POST /reset_password/:token": form(
    350,
    (h) => `/reset_password/${h.tokenSegment(known.resetSecret)}`,
    { password: () => "brand new horse", password2: (values) => values.password ?? "" },
    FORM_VISITORS,
    {
      login: false,
      afterAccepted: "new visitor",
      restore: async () => {
        known.resetSecret = await issueLink("reset", known.resetee, null);
      },
    },
  ),
};

/** Paths under /static/ that must not reach outside public/. */
const STATIC_ATTACKS = [
  "", "css/", "css", "../package.json", "..%2fpackage.json", "%2e%2e/%2e%2e/package.json", "css/..%2f..%2f..%2fpackage.json",
  "css/site.css%00", "css/site.css%00.png", "css/site.css/", "css//site.css", "css/./site.css", "CSS/SITE.CSS", "css/site.css.",
  "....//....//etc/passwd", "%c0%ae%c0%ae/%c0%ae%c0%ae/package.json", "%5c..%5c..%5cpackage.json", "css%2fsite.css", ".env", ".git/config",
  "~", "%ff", "%", "%E0%A4%A", "a".repeat(300), "..%252f..%252fpackage.json", "css/site.css;.js", "css/site.css::$DATA", "/etc/passwd",
  "%2F%2Fetc%2Fpasswd", "img/..", "img/../../app/app.ts", "img%00/favicon.svg",
];


// ---------------------------------------------------------------------------------------------
// Sending, checking, counting

interface RouteStats {
  inputs: number;
  statuses: Record<string, number>;
  kinds: Record<string, number>;
  accepted: number;
  /** Inputs after which Jot had run a statement that may write, so the fingerprint was taken again. */
  fingerprinted: number;
  ms: number;
  /** Milliseconds spent making inputs, waiting for Jot, taking fingerprints, and putting senders back. */
  phases: Record<"make" | "answer" | "fingerprint" | "settle", number>;
}
const stats: Record<string, RouteStats> = {};
/** Per route: what went wrong (numbers left in, for grouping), and the input that did it. */
const failures: Record<string, { problem: string; input: string }[]> = {};
/** HEAD requests that wrote (Fastify answers HEAD with the GET's handler): allowed where the GET may write, but worth knowing. */
const headWrites: string[] = [];
/** The database as last seen, and the input after which it was seen. */
let baseline: Fingerprint | undefined;
let baselineInput = "";
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).join();
/** A fingerprint is taken anyway every so many inputs, in case a write ever escaped Jot's query log. */
const CHECKPOINT_EVERY = 100;

/** Whether a statement may have changed anything: all but plain reads (and the transactions around them). */
const mayWrite = (sql: string) => !/^\s*(SELECT|BEGIN|COMMIT|ROLLBACK)\b/i.test(sql) || /\b(INSERT|UPDATE|DELETE|REPLACE|UPSERT|MERGE)\b/i.test(sql);

function short(text: string, max = 240): string {
  return text.length <= max ? JSON.stringify(text) : `${JSON.stringify(text.slice(0, max))}…(${text.length} chars)`;
}

function describeProbe(key: string, n: number, probe: Probe): string {
  const body = probe.payload === undefined ? "no body" : `body ${short(typeof probe.payload === "string" ? probe.payload : probe.payload.toString("latin1"))}`;
  const headers = Object.keys(probe.headers).length ? ` headers ${short(JSON.stringify(probe.headers), 300)}` : "";
  return `[${key} #${n}] ${probe.method} ${short(probe.url, 300)} as ${probe.as}${probe.remoteAddress ? ` from ${probe.remoteAddress}` : ""}, ${probe.kind}${probe.csrfValid ? "" : ", bad CSRF token"}, ${body}${headers}`;
}

/** The answer, or what went wrong before there was one. */
async function answer(probe: Probe): Promise<LightMyRequestResponse | Error> {
  const cookie = probe.as === "nobody" || probe.as === "stranger" ? undefined : actors[probe.as].visitor.cookieHeader();
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      app.inject({
        method: probe.method,
        url: probe.url,
        headers: { ...(cookie ? { cookie } : {}), ...probe.headers },
        ...(probe.payload !== undefined ? { payload: probe.payload } : {}),
        ...(probe.remoteAddress ? { remoteAddress: probe.remoteAddress } : {}),
      }),
      new Promise<Error>((resolve) => (timer = setTimeout(() => resolve(new Error(`no answer within ${ANSWER_WITHIN_MS} ms`)), ANSWER_WITHIN_MS))),
    ]);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  } finally {
    clearTimeout(timer);
  }
}

/** Keeps the cookies a response sets, as Visitor does. */
function remember(visitor: Visitor, response: LightMyRequestResponse): void {
  for (const cookie of response.cookies) {
    const expired = cookie.maxAge === 0 || (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now());
    if (expired) visitor.cookies.delete(cookie.name);
    else visitor.cookies.set(cookie.name, cookie.value);
  }
}

/** What Jot threw for a 5xx: the error's name, code and message, and where in app/ it came from. */
function causeOf(response: LightMyRequestResponse): string {
  const error = thrown.get(/Reference: <code>([^<]+)<\/code>/.exec(response.body)?.[1] ?? "") ?? [...thrown.values()].at(-1);
  if (!(error instanceof Error)) return "nothing was thrown (see the response)";
  const code = "code" in error ? ` ${String(error.code)}` : "";
  const message = error.message.replace(/\s+/g, " ").trim();
  const where = (error.stack ?? "").split("\n").filter((line) => line.includes("/app/") && !line.includes("/generated/")).slice(0, 3);
  return `${error.name}${code}: ${message}${where.length ? ` (${where.map((line) => line.trim()).join(" < ")})` : ""}`;
}

/** Every file under public/, as written and as sent minified: the only things /static/ may answer with. */
const PUBLIC_FILES = new Set(
  readdirSync(join(projectRoot, "public"), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .flatMap((entry) => {
      const content = readFileSync(join(entry.parentPath, entry.name));
      return [content.toString("latin1"), minified(entry.name, content).toString("latin1")];
    }),
);
const INTERNALS = [projectRoot, "node_modules", "PrismaClient", "FST_ERR", "    at "];
const INJECTED = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"];

/** What no answer may do, whatever the input: redirect off the site, show Jot's insides, echo markup unescaped, serve a file from outside public/. */
function wrongAnswer(key: string, probe: Probe, response: LightMyRequestResponse): string[] {
  const problems: string[] = [];
  const location = response.headers.location;
  if (location !== undefined && !/^\/(?![/\\])[\x21-\x7e]*$/.test(String(location))) problems.push(`redirected off the site, to ${short(String(location))}`);
  const leak = INTERNALS.find((text) => response.body.includes(text));
  if (leak) problems.push(`answered ${response.statusCode} showing ${JSON.stringify(leak)}: ${short(response.body.slice(Math.max(0, response.body.indexOf(leak) - 100), response.body.indexOf(leak) + 200))}`);
  const html = String(response.headers["content-type"] ?? "").startsWith("text/html");
  const injected = html ? INJECTED.find((text) => response.body.includes(text)) : undefined;
  if (injected) problems.push(`answered HTML with ${JSON.stringify(injected)} unescaped`);
  if (key === "GET /static/*" && probe.method === "GET" && response.statusCode === 200 && !PUBLIC_FILES.has(Buffer.from(response.rawPayload).toString("latin1"))) {
    problems.push(`served something that is not a file of public/: ${short(response.body, 120)}`);
  }
  return problems;
}

function fail(key: string, problem: string, input: string): void {
  (failures[key] ??= []).push({ problem, input });
}

async function fire(key: string, spec: RouteFuzz, n: number, probe: Probe): Promise<void> {
  const route = stats[key]!;
  const input = describeProbe(key, n, probe);
  let clock = performance.now();
  const lap = (phase: keyof RouteStats["phases"]) => {
    const now = performance.now();
    route.phases[phase] += now - clock;
    clock = now;
  };
  if (!baseline) [baseline, baselineInput] = [await fingerprint(), input];
  const before = baseline;
  lap("fingerprint");
  thrown.clear();
  statements.length = 0;
  const response = await answer(probe);
  lap("answer");
  const writes = statements.some(mayWrite);
  /** What this input is held to: the database as it was before it (unless a change is found that no input can be blamed for). */
  let from = before;
  if (writes || n % CHECKPOINT_EVERY === CHECKPOINT_EVERY - 1) {
    const seen = await fingerprint();
    if (!writes && JSON.stringify(seen) !== JSON.stringify(before)) {
      fail(key, `the database changed with no write in Jot's query log, somewhere after ${baselineInput}: ${difference(before, seen)}`, input);
      from = seen;
    }
    [baseline, baselineInput] = [seen, input];
    if (writes) route.fingerprinted++;
  }
  const after = baseline;
  lap("fingerprint");
  const status = response instanceof Error ? "no answer" : String(response.statusCode);
  route.inputs++;
  route.statuses[status] = (route.statuses[status] ?? 0) + 1;
  route.kinds[probe.kind] = (route.kinds[probe.kind] ?? 0) + 1;

  if (response instanceof Error) fail(key, `no answer: ${response.message}`, input);
  else {
    const code = response.statusCode;
    if (probe.as !== "nobody" && probe.as !== "stranger") remember(actors[probe.as].visitor, response);
    if (code >= 500) fail(key, `answered ${code}: ${causeOf(response)}`, input);
    for (const problem of wrongAnswer(key, probe, response)) fail(key, problem, input);
    const loggedIn = USER_ACTORS.includes(probe.as);
    const refused =
      code >= 400 ||
      (probe.method === "POST" && !probe.csrfValid) ||
      (spec.login && !loggedIn) ||
      (probe.method !== "POST" && !spec.getWrites);
    const wrote = JSON.stringify(after) !== JSON.stringify(from);
    if (wrote && refused) fail(key, `answered ${code}, yet wrote: ${difference(from, after)}`, input);
    if (wrote && probe.method === "HEAD") headWrites.push(`${input} → ${code}`);
    if (!refused) route.accepted++;
    if (!refused && (probe.method === "POST" || wrote)) {
      const problems: string[] = [];
      await settle(spec, probe, problems);
      for (const problem of problems) fail(key, problem, input);
    }
    lap("settle");
  }
  if (Object.getOwnPropertyNames(Object.prototype).join() !== prototypeKeys || "polluted" in {}) {
    fail(key, `Object.prototype was polluted: ${Object.getOwnPropertyNames(Object.prototype).join()}`, input);
  }
}

/** After a request that was let through: the sender as it should be for the next one, the world as it was. */
async function settle(spec: RouteFuzz, probe: Probe, problems: string[]): Promise<void> {
  baseline = undefined;
  await spec.restore?.();
  if (probe.as === "nobody" || probe.as === "stranger") return;
  if (probe.as === "anonymous") {
    if (spec.afterAccepted === "new visitor" || !(await refresh(actors.anonymous))) actors.anonymous = await anonymous();
    return;
  }
  const role = probe.as as UserActor;
  if (spec.afterAccepted === "replace") return revive(role, true);
  if (await refresh(actors[role])) return;
  if (spec.afterAccepted !== "relogin") problems.push(`the session of ${role} (${actors[role].username}) ended`);
  await revive(role, false);
}

/** The failures of a route, one entry per kind of problem (numbers aside), with up to five inputs that show it. */
function failureReport(key: string): string[] {
  const groups = new Map<string, { problem: string; inputs: string[] }>();
  for (const { problem, input } of failures[key] ?? []) {
    const kind = problem.replace(/\d+/g, "#").slice(0, 400);
    const group = groups.get(kind) ?? { problem, inputs: [] };
    group.inputs.push(input);
    groups.set(kind, group);
  }
  return [...groups.values()].map(({ problem, inputs }) => `${inputs.length}× ${problem}\n    ${inputs.slice(0, 5).join("\n    ")}`);
}

/** Fastify's own list of routes, "METHOD /path". */
function routesOfJot(): string[] {
  const routes: string[] = [];
  for (const method of ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const) {
    const paths: string[] = [];
    for (const line of app.printRoutes({ commonPrefix: false, method }).split("\n")) {
      const match = /^([│ ]*)[├└]── (\S+)(?: \(([A-Z, ]+)\))?$/.exec(line);
      if (!match) continue;
      const depth = match[1]!.length / 4;
      const parent = depth > 0 ? paths[depth - 1]! : "";
      const label = match[2]!;
      const path = parent === "" ? label : `${parent.replace(/\/$/, "")}/${label.replace(/^\//, "")}`;
      paths[depth] = path;
      paths.length = depth + 1;
      // find-my-way prints a wildcard as "*" under its parent without the static part between (@fastify/static's /static/*).
      const real = app.hasRoute({ method, url: path }) ? path : label === "*" && app.hasRoute({ method, url: "/static/*" }) ? "/static/*" : `${path} (not found)`;
      if (match[3]) routes.push(`${method} ${real}`);
    }
  }
  return [...new Set(routes)].sort();
}

// ---------------------------------------------------------------------------------------------

const started = Date.now();

beforeAll(async () => {
  actors.fuzzer = await newUser("fuzzer");
  actors.pending = await newUser("pending", false);
  actors.editor = await newUser("editor");
  actors.settler = await newUser("settler");
  actors.leaver = await newUser("leaver");
  actors.anonymous = await anonymous();
  const target = await loggedInVisitor(app, "target");
  await loggedInVisitor(app, "followed");
  for (const name of ["resetee", "verifiee", "requester"]) await new Visitor(app).register(name);
  await actors.fuzzer.visitor.submit("/user/followed", "/follow/followed", {});
  for (let i = 1; i <= 3; i++) await target.submit("/explore", "/send_message/fuzzer", { message: `Hello ${i}` });
  await addPosts("fuzzer", 30);
  await addPosts("target", 30);
  await refresh(actors.fuzzer);

  const post = await db.post.findFirstOrThrow({ where: { author: { username: "target" } }, orderBy: { id: "asc" }, skip: 10 });
  known.cursor = `${post.createdAt.getTime()}-${post.id}`;
  known.postId = String(post.id);
  known.ownPostId = String((await db.post.findFirstOrThrow({ where: { author: { username: "fuzzer" } } })).id);
  known.fuzzerId = await userId("fuzzer");
  known.seq = String((await db.user.findUniqueOrThrow({ where: { id: known.fuzzerId } })).notificationSeq);
  known.resetee = await userId("resetee");
  known.verifiee = await userId("verifiee");
  known.resetSecret = await issueLink("reset", known.resetee, null);
  known.verifySecret = await issueLink("verify", known.verifiee, "verifiee@example.com");
});

afterAll(() => {
  const total = Object.values(stats).reduce((sum, route) => sum + route.inputs, 0);
  const histogram: Record<string, number> = {};
  const kinds: Record<string, number> = {};
  for (const route of Object.values(stats)) {
    for (const [status, count] of Object.entries(route.statuses)) histogram[status] = (histogram[status] ?? 0) + count;
    for (const [kind, count] of Object.entries(route.kinds)) kinds[kind] = (kinds[kind] ?? 0) + count;
  }
  const failed = Object.values(failures).reduce((sum, list) => sum + list.length, 0);
  const fingerprinted = Object.values(stats).reduce((sum, route) => sum + route.fingerprinted, 0);
  const lines = [
    `fuzz on ${testProvider}: ${total} inputs, seed ${SEED} (FUZZ_SEED=${SEED} replays it), scale ${SCALE}, ${((Date.now() - started) / 1000).toFixed(1)} s, ${failed} failing`,
    `statuses: ${JSON.stringify(sortedEntries(histogram))}; Jot ran a write for ${fingerprinted} of them (fingerprinted after each, and after every ${CHECKPOINT_EVERY}th input anyway)`,
    `kinds: ${JSON.stringify(sortedEntries(kinds))}`,
    ...Object.entries(stats).map(
      ([key, route]) =>
        `  ${key.padEnd(34)} ${String(route.inputs).padStart(5)} inputs ${String(route.accepted).padStart(4)} let through ${String(route.fingerprinted).padStart(4)} ran a write ${(route.ms / 1000).toFixed(1).padStart(5)} s  ${JSON.stringify(sortedEntries(route.statuses))}` +
          (process.env.FUZZ_TIMINGS ? `  ${JSON.stringify(Object.fromEntries(Object.entries(route.phases).map(([phase, ms]) => [phase, Math.round(ms)])))}` : ""),
    ),
    ...(headWrites.length ? [`HEAD requests that wrote (${headWrites.length}), e.g. ${headWrites[0]}`] : []),
  ];
  console.log(lines.join("\n"));
});

function sortedEntries(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

describe("fuzzing every route with hostile input", () => {
  it("has a fuzzer for every route Jot has (each GET covering its HEAD)", () => {
    const covered = Object.keys(ROUTES).flatMap((key) => (key.startsWith("GET ") ? [key, key.replace(/^GET/, "HEAD")] : [key]));
    expect(routesOfJot(), "a route Jot has and ROUTES has not (add a fuzzer for it), or one ROUTES names that Jot has not").toEqual([...new Set(covered)].sort());
  });

  it("sends at least 10,000 inputs in all", () => {
    expect(Object.values(ROUTES).reduce((sum, route) => sum + Math.round(route.inputs * SCALE), 0)).toBeGreaterThanOrEqual(SCALE >= 1 ? 10_000 : 0);
  });

  it.each(Object.keys(ROUTES))("%s: never 5xx, and a refused input writes nothing", async (key) => {
    const spec = ROUTES[key]!;
    const h = new Hostile(seedFor(SEED, key));
    const route: RouteStats = (stats[key] = { inputs: 0, statuses: {}, kinds: {}, accepted: 0, fingerprinted: 0, ms: 0, phases: { make: 0, answer: 0, fingerprint: 0, settle: 0 } });
    const start = Date.now();
    for (let n = 0; n < Math.round(spec.inputs * SCALE); n++) {
      // A route that leaves requests unanswered (a stream that stays open) would take all day.
      if ((route.statuses["no answer"] ?? 0) >= MOST_UNANSWERED) {
        fail(key, `stopped after ${MOST_UNANSWERED} requests went unanswered`, `(input #${n} on)`);
        break;
      }
      const made = performance.now();
      const probe = spec.make(h);
      route.phases.make += performance.now() - made;
      await fire(key, spec, n, probe);
    }
    // The last of the route's inputs are checked whatever the query log said.
    const last = await fingerprint();
    if (baseline && JSON.stringify(last) !== JSON.stringify(baseline)) {
      fail(key, `the database changed with no write in Jot's query log, somewhere after ${baselineInput}: ${difference(baseline, last)}`, "(end of route)");
    }
    baseline = last;
    route.ms = Date.now() - start;
    const found = failures[key] ?? [];
    expect(failureReport(key), `${found.length} of ${route.inputs} inputs failed (FUZZ_SEED=${SEED})`).toEqual([]);
  }, 300_000);
});
