// Cross-site scripting, in a real browser: a corpus of hostile text is put everywhere a person's
// words are shown (posts on home, explore and profiles; about me on profiles, follow lists and the
// popover; private messages in the conversations list and in each conversation; the fields a refused form gives back; the login
// form's `next`; the page's own address in follow forms; an email address, which the rules let hold
// quotes and brackets, in flashes, the confirm banner and settings), and the most hostile usernames
// the rules allow go everywhere names are shown (pages, titles, flashes, the popover, live notices).
//
// After every page: no dialog opened, no element or attribute came from the text (each payload
// carries a marker, and any event-handler attribute, script, frame, … not Jot's own counts too), no
// payload set window.__xss, and the text shows as the very text that was written. Most pages are
// opened with the Content-Security-Policy bypassed, so that an escaping mistake would run rather
// than be caught by the policy; the real forms are used with the policy on, and any violation of
// it is reported as an injection (Jot's templates have no inline script or style).
import { request } from "node:http";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAGE_SIZE } from "../../app/domain/page.js";
import { normaliseText } from "../../app/domain/text.js";
import { MessageRepository } from "../../app/repositories/message-repository.js";
import { PASSWORD, logInAs, pathOf, registerAs, sendAnyway } from "./helpers/actions.js";
import { WatchedPage, andWait, newContext } from "./helpers/chromium.js";
import { mailedLink } from "./helpers/jot-server.js";
import { browserSuite } from "./helpers/suite.js";
import { HttpVisitor } from "../helpers/http-visitor.js";

const { jot, browser, url, db } = await browserSuite();

const READER = "xss_reader";
const MAX = 140;

/** § is each payload's number: its marker id (xss-§), its alert(§), its window.__xss = §. */
const RAW_PAYLOADS = [
  "<script>alert(§)</script>",
  "<script>window.__xss=§</script>",
  "<img src=x onerror=alert(§) data-xss id=xss-§>",
  '<img src="x" onerror="window.__xss=§" data-xss>',
  '"><svg onload=alert(§) data-xss id=xss-§>',
  "'><svg onload=alert(§) data-xss id=xss-§>",
  "' onmouseover='alert(§)' data-xss='",
  '" onfocus="alert(§)" autofocus data-xss="',
  "javascript:alert(§)",
  '<a href="javascript:alert(§)" data-xss id=xss-§>click</a>',
  '<a href="&#106;avascript:alert(§)" data-xss>x</a>',
  "</textarea><script>alert(§)</script><b data-xss id=xss-§>",
  "</title><script>alert(§)</script><b data-xss id=xss-§>",
  "<!--<img src=x onerror=alert(§) data-xss>-->",
  "--><img src=x onerror=alert(§) data-xss id=xss-§>",
  "</style><img src=x onerror=alert(§) data-xss id=xss-§>",
  "<style>*{background:url(javascript:alert(§))}</style><b data-xss>",
  '<iframe srcdoc="<script>parent.__xss=§</script>" data-xss></iframe>',
  "<iframe src=javascript:alert(§) data-xss id=xss-§></iframe>",
  "<details open ontoggle=alert(§) data-xss id=xss-§>",
  "<input autofocus onfocus=alert(§) data-xss id=xss-§>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(§) data-xss>",
  "<svg><script>alert(§)</script></svg>",
  "<svg><animate onbegin=alert(§) attributeName=x dur=1s data-xss>",
  '<object data="javascript:alert(§)" data-xss></object>',
  '<base href="javascript:alert(§)//" data-xss>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(§)" data-xss>',
  '<div style="background:url(javascript:alert(§))" data-xss id=xss-§>',
  "<x onclick=alert(§) data-xss id=xss-§>click me",
  '<%= it.constructor.constructor("alert(§)")() %>',
  '<%~ include("./layout") %><%= 7*7 %> §',
  "{{constructor.constructor('alert(§)')()}} {{7*7}}",
  "${alert(§)} ${7*7} #{7*7} [[§]]",
  "&lt;script&gt;alert(§)&lt;/script&gt;",
  "&#60;img src=x onerror=alert(§) data-xss&#62;",
  "\\u003cscript\\u003ealert(§)\\u003c/script\\u003e",
  "%3Cscript%3Ealert(§)%3C%2Fscript%3E",
  "\uff1cscript\uff1ealert(§)\uff1c/script\uff1e",
  "<scr<script>ipt>alert(§)</scr</script>ipt>",
  "<SCRIPT SRC=//evil.example/§.js data-xss></SCRIPT>",
  "<svg/onload=alert(§)/data-xss>",
  "<img src=x onerror\t=alert(§) data-xss>",
  "<scr\u0000ipt>alert(§)</scr\u0000ipt>",
  "<\u200bscript>alert(§)</script>",
  "\u202e<script>alert(§)</script>",
  "line one\n<img src=x onerror=alert(§) data-xss>\r\n<script>alert(§)</script>",
  '<noscript><p title="</noscript><img src=x onerror=alert(§) data-xss>">',
  "<template><script>alert(§)</script></template><b data-xss>",
  '\\"><script>alert(§)</script>',
  "🙂".repeat(100) + "<script>alert(§)</script>",
  // Web addresses become links: none may carry an attribute, markup or a scheme out of the text.
  'https://x.example/§"onmouseover="alert(§)"data-xss="',
  "https://x.example/§'><svg onload=alert(§) data-xss id=xss-§>",
  "www.x.example/§<script>alert(§)</script>",
  "JaVaScRiPt:alert(§) java\tscript:alert(§) javascript&colon;alert(§) jav&#x09;ascript:alert(§)",
  "data:text/html,<script>alert(§)</script> vbscript:msgbox(§) //x.example/§",
  "(https://x.example/§) [www.x.example/§]. https://x.example/a?b=<img src=x onerror=alert(§) data-xss>",
  // Hashtags become links to their pages: a tag ends where its letters end, whatever follows.
  '#tag§"onmouseover="alert(§)" #x§<script>alert(§)</script> #javascript:alert(§)',
  "#ünï§'><img src=x onerror=alert(§) data-xss> #§_<b data-xss>#<svg/onload=alert(§)>",
];
const PAYLOADS = RAW_PAYLOADS.map((raw, i) => raw.replaceAll("§", String(i)));
/** What Jot keeps of each (as the services would: line breaks, control characters, ends). */
const TEXTS = PAYLOADS.map(normaliseText);
const N = PAYLOADS.length;
const userOf = (i: number) => `xss_p${String(i).padStart(2, "0")}`;
/** The number of the payload that starts so. */
function payload(start: string): number {
  const i = RAW_PAYLOADS.findIndex((raw) => raw.startsWith(start));
  if (i < 0) throw new Error(`no payload starts with ${start}`);
  return i;
}
const TEXTAREA_BREAKOUT = payload("</textarea>");
const ATTRIBUTE_BREAKOUT = payload('"><svg');
const IMG_ONERROR = payload("<img src=x onerror=alert");
const SRCDOC = payload("<iframe srcdoc");
/** Typed into the real forms, one field each, with the policy on: which payload goes where. */
const TYPED = { post: TEXTAREA_BREAKOUT, aboutMe: ATTRIBUTE_BREAKOUT, message: IMG_ONERROR } as const;
/** Every payload a person could type in one go (no control characters), for the forms that refuse and give the text back. */
const TYPABLE = PAYLOADS.filter((p) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(p));
// A textarea's value has LF line breaks, whatever was typed or sent (CRLF).
const ALL_IN_LINES = TYPABLE.map((p) => p.replace(/\r\n?/g, "\n")).join("\n");
const ALL_IN_ONE_LINE = TYPABLE.map((p) => p.replace(/[\r\n]+/g, " ")).join(" ");

/** Usernames the rules allow that other code might trip over (object keys, dot segments, names of nothing). */
const HOSTILE_NAMES = ["__proto__", "...", "constructor", "-_-"];
/** Usernames with the characters an injection needs: refused. */
const REFUSED_NAMES = ["<b>x</b>", '"><svg/onload=alert(1)>', "a'b", "a\"b", "a<b", "a&b", "a b", "a/b", "a\\b", "a%2Fb", "..", "javascript:x", "{{x}}", "<%=x%>", "＜script＞"];

// ---------------------------------------------------------------- the browser side

declare global {
  interface Window {
    __xss?: unknown;
    __cspViolations?: string[];
    /** What in `doc` Jot's own templates and script never make (installed in every page, see installChecks). */
    __injectedIn?: (doc: Document) => string[];
  }
}

/** Runs in every page before Jot's own script: records CSP violations, and defines the check of a document. */
function installChecks(): void {
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations!.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
  });
  window.__injectedIn = (doc: Document) => {
    const found: string[] = [];
    const say = (what: string, el: Element) => found.push(`${what}: ${el.outerHTML.slice(0, 160)}`);
    doc.querySelectorAll("[data-xss], [id^='xss']").forEach((el) => say("marker", el));
    doc.querySelectorAll("*").forEach((el) => {
      for (const attribute of Array.from(el.attributes)) if (/^on/i.test(attribute.name)) say(`handler ${attribute.name}`, el);
    });
    // Jot's own scripts and stylesheets: the site's, and a page's own on top, in the head only.
    doc.querySelectorAll("script").forEach((el) => {
      if (el.parentElement !== doc.head || !/^\/static\/js\/(site|compose|forms|messages)\.js\?v=[0-9a-f]{16}$/.test(el.getAttribute("src") ?? "")) say("script", el);
    });
    doc
      .querySelectorAll("iframe, frame, object, embed, base, style, template, noscript, svg, math, video, audio, source, input[autofocus], meta[http-equiv]")
      .forEach((el) => say("element", el));
    // Jot makes two <details>, each at most once: the profile menu in the bar at the top, and an
    // edited post's earlier versions, straight inside the page's main (never inside a post's text).
    const ownDetails = ["header.site-header nav.nav li.nav-menu > details", "main > details.post-versions"];
    doc.querySelectorAll("details").forEach((el) => {
      const own = ownDetails.find((selector) => el.matches(selector));
      if (!own || doc.querySelectorAll(own).length !== 1) say("element", el);
    });
    doc.querySelectorAll("link").forEach((el) => {
      const href = el.getAttribute("href") ?? "";
      if (el.parentElement !== doc.head || !/^\/static\/(css\/(site|forms|home|messages|notifications|people|post|profile|unconfirmed)\.css\?v=[0-9a-f]{16}|img\/favicon\.svg)$/.test(href)) say("link", el);
    });
    doc.querySelectorAll("img").forEach((el) => {
      if (!/^\/(static\/img\/favicon\.svg|avatar\/v\d+\/\d+(-banner)?\.svg)$/.test(el.getAttribute("src") ?? "")) say("img", el);
    });
    doc.querySelectorAll("[href], [src], [action], [formaction], [data], [srcdoc], [style]").forEach((el) => {
      for (const name of ["href", "src", "action", "formaction", "data"]) {
        if (/^\s*(javascript|data|vbscript):/i.test(el.getAttribute(name) ?? "")) say(name, el);
      }
      if (el.hasAttribute("srcdoc")) say("srcdoc", el);
      // The popover's position is the only style Jot's script sets.
      if (el.hasAttribute("style") && !el.classList.contains("popover")) say("style", el);
    });
    // A link made of someone's words goes to a web address, and carries nothing but that and its rel;
    // or it is a hashtag's, to the tag's page in Jot, carrying nothing but its class.
    doc.querySelectorAll(".post-body a, .about-me a, .person-about a, .bubble__text a").forEach((el) => {
      const plain = el.attributes.length === 2 && el.getAttribute("rel") === "nofollow ugc noopener noreferrer";
      const web = plain && /^https?:\/\//.test(el.getAttribute("href") ?? "");
      const tag = el.attributes.length === 2 && el.getAttribute("class") === "hashtag" && /^\/tag\/[^/?#]+$/.test(el.getAttribute("href") ?? "");
      if (!(web || tag) || el.children.length > 0) say("link", el);
    });
    if (window.__xss !== undefined) found.push(`window.__xss = ${String(window.__xss)}`);
    for (const violation of window.__cspViolations ?? []) found.push(`CSP violation: ${violation}`);
    return found;
  };
}

/** Dialogs, injected nodes, CSP violations: each with where it happened. */
const incidents: string[] = [];
const watchedPages: WatchedPage[] = [];
const contexts: BrowserContext[] = [];

afterAll(async () => {
  for (const ctx of contexts) await ctx.close().catch(() => {});
});

async function context(options: { bypassCSP?: boolean; storageState?: Awaited<ReturnType<BrowserContext["storageState"]>> } = {}) {
  const ctx = await newContext(browser, options);
  await ctx.addInitScript(installChecks);
  contexts.push(ctx);
  return ctx;
}

async function tab(ctx: BrowserContext, who: string): Promise<Page> {
  const watched = await WatchedPage.open(ctx);
  watchedPages.push(watched);
  watched.page.on("dialog", (dialog) => {
    incidents.push(`${who}: ${dialog.type()} dialog "${dialog.message()}" on ${watched.page.url()}`);
    void dialog.dismiss().catch(() => {});
  });
  return watched.page;
}

/** Checks the page as it is now; anything found goes into `incidents` with where it was. */
async function inspect(page: Page, where: string): Promise<void> {
  for (const line of await page.evaluate(() => window.__injectedIn!(document))) incidents.push(`${where}: ${line}`);
}

async function visit(page: Page, path: string): Promise<void> {
  const response = await page.goto(url(path));
  expect(response?.status(), path).toBe(200);
  await inspect(page, path);
}

/** Opens `path` and each older page after it (fewer than ten), calling `each` on every one; returns their addresses. */
async function everyPage(page: Page, path: string, each: () => Promise<void> = async () => {}): Promise<string[]> {
  await visit(page, path);
  const paths = [path];
  for (;;) {
    await each();
    const older = page.locator("a.pager-older");
    if ((await older.count()) === 0) return paths;
    expect(paths.length, `${path} has too many pages`).toBeLessThan(10);
    await andWait(page, older.click());
    await inspect(page, page.url());
    const at = new URL(page.url());
    paths.push(at.pathname + at.search);
  }
}

/** Opens `path` and each older page after it; returns `selector`'s texts from them all. */
async function textsOnEveryPage(page: Page, path: string, selector: string): Promise<string[]> {
  const texts: string[] = [];
  await everyPage(page, path, async () => void texts.push(...(await page.locator(selector).allTextContents())));
  return texts;
}

/** Every text of `expected` is among `shown`, as many times as expected. */
function expectShown(shown: string[], expected: readonly string[], where: string): void {
  const left = [...shown];
  const missing: string[] = [];
  for (const text of expected) {
    const at = left.indexOf(text);
    if (at < 0) missing.push(text);
    else left.splice(at, 1);
  }
  expect(missing, `${where}: texts not shown exactly as written`).toEqual([]);
}

/** The text of every element matching `selector` on each of `paths`, fetched and parsed inside `page`. */
function textsOn(page: Page, paths: string[], selector: string): Promise<string[]> {
  return page.evaluate(
    async ([list, wanted]) => {
      const texts: string[] = [];
      for (const path of list) {
        const doc = new DOMParser().parseFromString(await (await fetch(path)).text(), "text/html");
        texts.push(...Array.from(doc.querySelectorAll(wanted), (el) => el.textContent ?? ""));
      }
      return texts;
    },
    [paths, selector] as const,
  );
}

/**
 * Fetches each page from inside `page` (its cookies) and parses it with the browser's own HTML
 * parser (DOMParser: nothing runs, but whatever markup the text made is there to find).
 */
async function parsedPages(page: Page, paths: string[]) {
  const results = await page.evaluate(async (list) => {
    const out: { path: string; status: number; injected: string[]; title: string; aboutMe: string[]; posts: string[] }[] = [];
    for (const path of list) {
      const response = await fetch(path, { credentials: "same-origin" });
      const doc = new DOMParser().parseFromString(await response.text(), "text/html");
      out.push({
        path,
        status: response.status,
        injected: window.__injectedIn!(doc),
        title: doc.title,
        aboutMe: Array.from(doc.querySelectorAll(".about-me"), (el) => el.textContent ?? ""),
        posts: Array.from(doc.querySelectorAll(".post-body"), (el) => el.textContent ?? ""),
      });
    }
    return out;
  }, paths);
  for (const result of results) for (const line of result.injected) incidents.push(`${result.path} (parsed): ${line}`);
  return results;
}

/** Fetches each name's popover card and puts it into the page exactly as site.js does (innerHTML). */
async function insertPopups(page: Page, names: readonly string[]): Promise<void> {
  const statuses = await page.evaluate(async (usernames) => {
    const codes: number[] = [];
    for (const name of usernames) {
      const response = await fetch(`/user/${encodeURIComponent(name)}/popup`, { credentials: "same-origin" });
      codes.push(response.status);
      const card = document.createElement("div");
      card.className = "popover";
      card.innerHTML = await response.text();
      document.body.appendChild(card);
    }
    // Let the errors of images that were never meant to be there fire.
    await new Promise((resolve) => setTimeout(resolve, 300));
    return codes;
  }, names);
  expect(statuses.every((status) => status === 200), `popup statuses ${statuses.join(",")}`).toBe(true);
}

/** Hovers a name until its popover card shows; checks the page with the card in it. */
async function hoverCard(page: Page, link: ReturnType<Page["locator"]>, where: string): Promise<void> {
  await link.hover();
  await page.locator(".popover .profile-card").waitFor();
  await inspect(page, where);
}

function expectNoIncidents(): void {
  const problems = watchedPages.flatMap((w) => w.problems);
  expect(incidents).toEqual([]);
  expect(problems).toEqual([]);
  incidents.length = 0;
  for (const w of watchedPages) w.problems.length = 0;
}

/** Confirms a user's address, as opening the mailed link would: Jot asks for that before a user may post or send messages. */
async function confirmAddress(username: string): Promise<void> {
  await db.user.update({ where: { usernameKey: username.toLowerCase() }, data: { emailVerifiedAt: new Date() } });
}

const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);

// ---------------------------------------------------------------- the data

let readerId = 0;
/** The reader, logged in once: with the policy bypassed (most pages), and with it on (after real forms). */
let bypassed: Page;
let strict: Page;

beforeAll(async () => {
  expect(new Set(PAYLOADS).size).toBe(N);
  const ctx = await context({ bypassCSP: true });
  bypassed = await tab(ctx, `${READER} (policy bypassed)`);
  await registerAs(bypassed, jot.baseUrl, READER);
  await logInAs(bypassed, jot.baseUrl, READER);
  expect(pathOf(bypassed)).toBe("/");
  strict = await tab(await context({ storageState: await ctx.storageState() }), `${READER} (policy on)`);

  await confirmAddress(READER);
  const reader = await db.user.findUniqueOrThrow({ where: { usernameKey: READER } });
  readerId = reader.id;
  // One user per payload, with it as their about me, their one post, and a message each way.
  await db.user.createMany({
    data: PAYLOADS.map((_, i) => ({
      username: userOf(i),
      usernameKey: userOf(i),
      email: `${userOf(i)}@example.com`,
      passwordHash: reader.passwordHash,
      aboutMe: TEXTS[i]!,
      postCount: 1,
    })),
  });
  const ids = new Map((await db.user.findMany({ where: { usernameKey: { startsWith: "xss_p" } } })).map((u) => [u.username, u.id]));
  const idOf = (i: number) => ids.get(userOf(i))!;
  const at = (i: number) => new Date(Date.now() - (N - i) * 60_000);
  await db.post.createMany({ data: TEXTS.map((body, i) => ({ authorId: idOf(i), body, createdAt: at(i) })) });
  // Each payload both ways between its writer and the reader, as Jot writes messages (each person's conversation with them).
  const messages = new MessageRepository(db);
  for (const [i, body] of TEXTS.entries()) {
    await messages.add({ senderId: idOf(i), recipientId: readerId, body });
    await messages.add({ senderId: readerId, recipientId: idOf(i), body });
  }
  await db.follow.createMany({ data: TEXTS.map((_, i) => ({ followerId: readerId, followedId: idOf(i), createdAt: at(i) })) });
});

describe("the corpus", () => {
  it(`has ${N} payloads, each within ${MAX} characters and not blank`, () => {
    expect(N).toBeGreaterThanOrEqual(30);
    for (const text of TEXTS) {
      expect([...text].length, text).toBeLessThanOrEqual(MAX);
      expect(text.trim().length, text).toBeGreaterThan(0);
    }
  });
});

describe("text from the database, everywhere it is shown (policy bypassed, so it would run, not be blocked)", () => {
  it("home, explore, the conversations and each conversation, the following list: every page", async () => {
    const page = bypassed;
    const lists: [string, string][] = [
      ["/", ".post-body"],
      ["/explore", ".post-body"],
      ["/messages", ".conversation__text"],
      [`/user/${READER}/following`, ".person-about"],
    ];
    const shown: string[][] = [];
    for (const [path, selector] of lists) shown.push(await textsOnEveryPage(page, path, selector));
    // Each conversation shows its payload twice, both ways: a few opened, all parsed.
    for (const i of [ATTRIBUTE_BREAKOUT, TEXTAREA_BREAKOUT, SRCDOC]) await visit(page, `/messages/${encodeURIComponent(userOf(i))}`);
    const bubbles = await textsOn(page, TEXTS.map((_, i) => `/messages/${encodeURIComponent(userOf(i))}`), ".bubble__text");
    expectNoIncidents();
    lists.forEach(([path], i) => expectShown(shown[i]!, TEXTS, path));
    expectShown(bubbles, [...TEXTS, ...TEXTS], "conversations");
  });

  it("profiles: about me and the post, opened for a few and parsed for all", async () => {
    const page = bypassed;
    for (const i of [ATTRIBUTE_BREAKOUT, TEXTAREA_BREAKOUT, SRCDOC]) {
      await visit(page, `/user/${userOf(i)}`);
      await expect(page.locator(".about-me").textContent(), `about me of ${userOf(i)}`).resolves.toBe(TEXTS[i]);
      await expect(page.locator(".post-body").allTextContents()).resolves.toEqual([TEXTS[i]]);
    }
    const parsed = await parsedPages(page, PAYLOADS.map((_, i) => `/user/${userOf(i)}`));
    parsed.forEach((result, i) => {
      expect(result.status, result.path).toBe(200);
      expect(result.title, result.path).toBe(`${userOf(i)} · Jot`);
      expect(result.aboutMe, `about me on ${result.path}`).toEqual([TEXTS[i]]);
      expect(result.posts, `post on ${result.path}`).toEqual([TEXTS[i]]);
    });
    expectNoIncidents();
  });

  it("each post's own page, opened for one and parsed for all", async () => {
    const page = bypassed;
    const posts = await db.post.findMany({ where: { author: { usernameKey: { startsWith: "xss_p" } } }, include: { author: true } });
    const idOf = new Map(posts.map((post) => [post.author.username, post.id]));
    await visit(page, `/post/${idOf.get(userOf(ATTRIBUTE_BREAKOUT))}`);
    await expect(page.locator(".post-body").allTextContents()).resolves.toEqual([TEXTS[ATTRIBUTE_BREAKOUT]]);
    const parsed = await parsedPages(page, PAYLOADS.map((_, i) => `/post/${idOf.get(userOf(i))}`));
    parsed.forEach((result, i) => {
      expect(result.status, result.path).toBe(200);
      expect(result.title, result.path).toBe(`${userOf(i)}'s post · Jot`);
      expect(result.posts, `post on ${result.path}`).toEqual([TEXTS[i]]);
    });
    expectNoIncidents();
  });

  it("a conversation made of the corpus: each reply's page, what it answers above it and its replies below, parsed for all", async () => {
    const page = bypassed;
    const users = await db.user.findMany({ where: { usernameKey: { startsWith: "xss_p" } } });
    const idOf = new Map(users.map((u) => [u.username, u.id]));
    // Each payload answers the one before, so every page holds up to 10 of them above, itself, and one below.
    const chain: number[] = [];
    for (const [i, body] of TEXTS.entries()) {
      const authorId = idOf.get(userOf(i))!;
      const above = chain.at(-1);
      const reply = await db.post.create({
        data: { authorId, body, replyToId: above ?? null, replyToAuthorId: above === undefined ? null : idOf.get(userOf(i - 1))!, replyCount: i < N - 1 ? 1 : 0 },
      });
      chain.push(reply.id);
    }
    await visit(page, `/post/${chain[ATTRIBUTE_BREAKOUT]}`);
    const parsed = await parsedPages(page, chain.map((id) => `/post/${id}`));
    parsed.forEach((result, i) => {
      expect(result.status, result.path).toBe(200);
      expect(result.posts, result.path).toEqual(TEXTS.slice(Math.max(0, i - 10), i + 2));
    });
    expectNoIncidents();
  });

  it("who likes a post: every payload's about me, on each page of the list", async () => {
    const page = bypassed;
    const users = await db.user.findMany({ where: { usernameKey: { startsWith: "xss_p" } }, orderBy: { id: "asc" } });
    const liked = await db.post.create({ data: { authorId: readerId, body: "Liked by the whole corpus", likeCount: users.length } });
    await db.like.createMany({ data: users.map((u, i) => ({ userId: u.id, postId: liked.id, createdAt: new Date(Date.now() - i * 1000) })) });
    const paths = await everyPage(page, `/post/${liked.id}/likes`);
    expect(paths).toHaveLength(Math.ceil(N / PAGE_SIZE));
    const parsed = await parsedPages(page, paths);
    const abouts = await textsOn(page, paths, ".person-about");
    expect(parsed.every((p) => p.status === 200)).toBe(true);
    expectShown(abouts, TEXTS.filter((text) => text.length > 0), "who likes a post");
    expectNoIncidents();
  });

  it("reposts: every payload reposted onto one profile, and every reposter's about me on who reposted a post", async () => {
    const page = bypassed;
    const users = await db.user.findMany({ where: { usernameKey: { startsWith: "xss_p" } }, orderBy: { id: "asc" } });
    // Each user's first post is their payload; one of them reposts them all, the newest last.
    const firsts = await Promise.all(users.map((u) => db.post.findFirstOrThrow({ where: { authorId: u.id }, orderBy: { id: "asc" } })));
    const reposter = users[0]!;
    await db.post.createMany({
      data: firsts.filter((p) => p.authorId !== reposter.id).map((p, i) => ({ authorId: reposter.id, body: "", repostOfId: p.id, createdAt: new Date(Date.now() - (N - i) * 1000) })),
    });
    const shown = await textsOnEveryPage(page, `/user/${reposter.username}`, ".post-body");
    expectShown(shown, TEXTS.filter((text) => text.length > 0), "reposts on a profile");
    expect(await page.locator(".post-repost").count()).toBeGreaterThan(0);

    const reposted = await db.post.create({ data: { authorId: readerId, body: "Reposted by the whole corpus", repostCount: users.length } });
    await db.post.createMany({ data: users.map((u, i) => ({ authorId: u.id, body: "", repostOfId: reposted.id, createdAt: new Date(Date.now() - i * 1000) })) });
    const paths = await everyPage(page, `/post/${reposted.id}/reposts`);
    expect(paths).toHaveLength(Math.ceil(N / PAGE_SIZE));
    const parsed = await parsedPages(page, paths);
    expect(parsed.every((p) => p.status === 200)).toBe(true);
    expectShown(await textsOn(page, paths, ".person-about"), TEXTS.filter((text) => text.length > 0), "who reposted a post");
    expectNoIncidents();
  });

  it("the notifications page: every payload as a post that mentions the reader, each page of it parsed", async () => {
    const page = bypassed;
    const users = await db.user.findMany({ where: { usernameKey: { startsWith: "xss_p" } } });
    const idOf = new Map(users.map((u) => [u.username, u.id]));
    const reader = await db.user.findUniqueOrThrow({ where: { id: readerId } });
    // Written as Jot writes a mention: the post, then the next number of the reader's log.
    for (const [i, body] of TEXTS.entries()) {
      const post = await db.post.create({ data: { authorId: idOf.get(userOf(i))!, body, mentions: JSON.stringify([[READER.toLowerCase(), readerId]]) } });
      const seq = reader.notificationSeq + i + 1;
      await db.notification.create({ data: { userId: readerId, seq, kind: i % 2 ? "mention" : "reply", actorId: post.authorId, postId: post.id, createdAt: new Date(Date.now() - (N - i) * 1000) } });
    }
    await db.user.update({ where: { id: readerId }, data: { notificationSeq: reader.notificationSeq + N } });
    const paths = await everyPage(page, "/notifications");
    const parsed = await parsedPages(page, paths);
    expect(parsed.every((p) => p.status === 200)).toBe(true);
    const shown = await textsOn(page, paths, ".notifications .post-body");
    expectShown(shown, TEXTS.filter((text) => text.length > 0), "the notifications page");
    expectNoIncidents();
  });

  it("an edited post's earlier versions: every payload as an earlier text, shown as written", async () => {
    const page = bypassed;
    const post = await db.post.create({ data: { authorId: readerId, body: "Edited many times", editedAt: new Date() } });
    await db.postVersion.createMany({ data: TEXTS.map((body, i) => ({ postId: post.id, version: i + 1, body, writtenAt: new Date(Date.now() - (N - i) * 1000) })) });
    await visit(page, `/post/${post.id}`);
    const [parsed] = await parsedPages(page, [`/post/${post.id}`]);
    expect(parsed!.status).toBe(200);
    const shown = await page.locator(".post-versions .post-body").allTextContents();
    expectShown(shown, TEXTS.filter((text) => text.length > 0), "earlier versions");
    expectNoIncidents();
  });

  it("popover cards: opened by hovering a name, and every card put in the way site.js does (innerHTML)", async () => {
    const page = bypassed;
    await visit(page, "/explore");
    await hoverCard(page, page.locator(".post-meta a.user-link", { hasText: exactly(userOf(N - 1)) }), `popover of ${userOf(N - 1)}`);
    await expect(page.locator(".popover .about-me").textContent()).resolves.toBe(TEXTS[N - 1]);
    await page.keyboard.press("Escape");
    await insertPopups(page, PAYLOADS.map((_, i) => userOf(i)));
    await expect(page.locator(".popover .about-me").allTextContents()).resolves.toEqual(TEXTS);
    await inspect(page, "every popover card");
    expectNoIncidents();
  });
});

describe("text typed into the real forms (policy on)", () => {
  it("a post, an about me and a message: saved, then shown as written to the writer and to the reader", async () => {
    const writerName = HOSTILE_NAMES[0]!;
    const writer = await tab(await context(), writerName);
    await registerAs(writer, jot.baseUrl, writerName);
    expect((await db.user.findUniqueOrThrow({ where: { usernameKey: writerName } })).username).toBe(writerName);
    await confirmAddress(writerName);
    await logInAs(writer, jot.baseUrl, writerName);
    expect(pathOf(writer)).toBe("/");

    await writer.getByLabel("Say something").fill(PAYLOADS[TYPED.post]!);
    await andWait(writer, writer.getByRole("button", { name: "Post", exact: true }).click());
    await expect(writer.locator(".flash").textContent()).resolves.toBe("Your post is now live!");
    await expect(writer.locator(".post-body").first().textContent()).resolves.toBe(TEXTS[TYPED.post]);
    await inspect(writer, "home after posting");

    await visit(writer, "/edit_profile");
    await writer.getByLabel("About me").fill(PAYLOADS[TYPED.aboutMe]!);
    await andWait(writer, writer.getByRole("button", { name: "Save" }).click());
    expect(pathOf(writer)).toBe(`/user/${writerName}`);
    await expect(writer.locator(".flash").textContent()).resolves.toBe("Your changes have been saved.");
    await expect(writer.locator(".about-me").textContent()).resolves.toBe(TEXTS[TYPED.aboutMe]);
    await inspect(writer, "profile after saving about me");
    // The editor gives the saved text back in its textarea.
    await visit(writer, "/edit_profile");
    await expect(writer.getByLabel("About me").inputValue()).resolves.toBe(TEXTS[TYPED.aboutMe]);

    await visit(writer, `/messages/${READER}`);
    await writer.getByLabel(`Message ${READER}`).fill(PAYLOADS[TYPED.message]!);
    await andWait(writer, writer.getByRole("button", { name: "Send" }).click());
    await expect(writer.locator(".bubble--mine .bubble__text").last().textContent()).resolves.toBe(TEXTS[TYPED.message]);
    await inspect(writer, "after sending a message");

    // The reader sees all three, the policy on.
    await visit(strict, "/messages");
    await expect(strict.locator(".conversation__text").first().textContent()).resolves.toBe(TEXTS[TYPED.message]);
    await visit(strict, `/messages/${encodeURIComponent(writerName)}`);
    await expect(strict.locator(".bubble--theirs .bubble__text").last().textContent()).resolves.toBe(TEXTS[TYPED.message]);
    await visit(strict, `/user/${writerName}`);
    await expect(strict.locator(".about-me").textContent()).resolves.toBe(TEXTS[TYPED.aboutMe]);
    await expect(strict.locator(".post-body").allTextContents()).resolves.toEqual([TEXTS[TYPED.post]]);
    expectNoIncidents();
  });
});

describe("forms that refuse the text give it back as text (policy bypassed)", () => {
  it("register and login (a visitor), edit profile, post and message (the reader): the whole corpus at once", async () => {
    const page = await tab(await context({ bypassCSP: true }), "visitor");

    // Register: a username and an email made of the corpus, refused, both given back in their fields.
    await visit(page, "/register");
    await page.getByLabel("Username").fill(ALL_IN_ONE_LINE);
    await page.getByLabel("Email").fill(ALL_IN_ONE_LINE);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Repeat password").fill(PASSWORD);
    await andWait(page, page.getByRole("button", { name: "Register" }).click());
    await expect(page.locator("#username-error").textContent()).resolves.toBeTruthy();
    await expect(page.locator("#email-error").textContent()).resolves.toBeTruthy();
    await expect(page.getByLabel("Username").inputValue()).resolves.toBe(ALL_IN_ONE_LINE);
    await expect(page.getByLabel("Email").inputValue()).resolves.toBe(ALL_IN_ONE_LINE);
    await inspect(page, "register, refused");

    // Login: the username given back (a blank password is refused before any sign-in limit counts it).
    await visit(page, "/login");
    await page.getByLabel("Username").fill(ALL_IN_ONE_LINE);
    await andWait(page, page.getByRole("button", { name: "Sign in" }).click());
    await expect(page.locator("#password-error").textContent()).resolves.toBe("Enter your password.");
    await expect(page.getByLabel("Username").inputValue()).resolves.toBe(ALL_IN_ONE_LINE);
    await inspect(page, "login, refused");

    const reader = bypassed;
    await visit(reader, "/edit_profile");
    await reader.getByLabel("Username").fill(ALL_IN_ONE_LINE);
    await reader.getByLabel("About me").fill(ALL_IN_LINES);
    await sendAnyway(reader, reader.getByLabel("About me"));
    await expect(reader.locator("#username-error").textContent()).resolves.toBeTruthy();
    await expect(reader.locator("#about_me-error").textContent()).resolves.toBe(`At most ${MAX} characters.`);
    await expect(reader.getByLabel("Username").inputValue()).resolves.toBe(ALL_IN_ONE_LINE);
    await expect(reader.getByLabel("About me").inputValue()).resolves.toBe(ALL_IN_LINES);
    await inspect(reader, "edit profile, refused");

    await visit(reader, "/");
    await reader.getByLabel("Say something").fill(ALL_IN_LINES);
    await sendAnyway(reader, reader.getByLabel("Say something"));
    await expect(reader.locator("#body-error").textContent()).resolves.toBe(`At most ${MAX} characters.`);
    await expect(reader.getByLabel("Say something").inputValue()).resolves.toBe(ALL_IN_LINES);
    await inspect(reader, "post, refused");

    // An edit of the reader's own post: refused, the text given back in its field.
    const own = await db.post.create({ data: { authorId: readerId, body: "To be edited with the corpus" } });
    await visit(reader, `/post/${own.id}/edit`);
    await reader.getByLabel("Your post").fill(ALL_IN_LINES);
    await sendAnyway(reader, reader.getByLabel("Your post"));
    await expect(reader.locator("#body-error").textContent()).resolves.toBe(`At most ${MAX} characters.`);
    await expect(reader.getByLabel("Your post").inputValue()).resolves.toBe(ALL_IN_LINES);
    await inspect(reader, "edit of a post, refused");

    await visit(reader, `/messages/${encodeURIComponent(userOf(0))}`);
    await reader.getByLabel(`Message ${userOf(0)}`).fill(ALL_IN_LINES);
    await sendAnyway(reader, reader.getByLabel(`Message ${userOf(0)}`));
    await expect(reader.locator("#message-error").textContent()).resolves.toBe(`At most ${MAX} characters.`);
    await expect(reader.getByLabel(`Message ${userOf(0)}`).inputValue()).resolves.toBe(ALL_IN_LINES);
    await inspect(reader, "message, refused");

    // Nothing of it was saved.
    const user = await db.user.findUniqueOrThrow({ where: { usernameKey: READER } });
    expect(user.username).toBe(READER);
    expect(user.aboutMe).toBe("");
    expectNoIncidents();
  });
});

describe("usernames", () => {
  it("names with the characters an injection needs are refused at registration and on edit profile", async () => {
    const visitor = new HttpVisitor(jot.baseUrl);
    for (const name of REFUSED_NAMES) {
      const res = await visitor.register(name, PASSWORD);
      expect(res.status, name).toBe(422);
      expect(res.body, name).toMatch(/Use only letters, digits, underscores, dots and hyphens\.|Use 3 to 64 characters\./);
    }
    const reader = new HttpVisitor(jot.baseUrl);
    expect((await reader.login(READER, PASSWORD)).status).toBe(303);
    for (const name of REFUSED_NAMES) {
      const res = await reader.submit("/edit_profile", "/edit_profile", { username: name, about_me: "" });
      expect(res.status, name).toBe(422);
    }
    expect(await db.user.count({ where: { OR: REFUSED_NAMES.map((name) => ({ usernameKey: name.toLowerCase() })) } })).toBe(0);
  });

  it("the most hostile allowed names: links, profiles, titles, flashes, popover, lists, live notices", async () => {
    const [proto, dots] = HOSTILE_NAMES as unknown as [string, string];
    // __proto__ came through the register form above (unless that test failed early); the rest
    // through the same form over HTTP.
    for (const name of HOSTILE_NAMES) {
      if (await db.user.findUnique({ where: { usernameKey: name.toLowerCase() } })) continue;
      expect((await new HttpVisitor(jot.baseUrl).register(name, PASSWORD)).status, name).toBe(303);
    }
    for (const name of HOSTILE_NAMES) {
      const user = await db.user.findUniqueOrThrow({ where: { usernameKey: name.toLowerCase() } });
      expect(user.username).toBe(name);
      await db.post.create({ data: { authorId: user.id, body: `A post by ${name}` } });
      await db.user.update({ where: { id: user.id }, data: { postCount: { increment: 1 } } });
    }
    const reader = strict;
    const hostile = await tab(await context(), proto);
    await logInAs(hostile, jot.baseUrl, proto);

    // The reader waits on a page while __proto__ writes and follows: the live notices name them.
    await visit(reader, "/explore");
    await visit(hostile, `/messages/${READER}`);
    await hostile.getByLabel(`Message ${READER}`).fill("Hello from a name that is a key of every object");
    await andWait(hostile, hostile.getByRole("button", { name: "Send" }).click());
    await visit(hostile, `/user/${READER}`);
    await andWait(hostile, hostile.getByRole("button", { name: `Follow ${READER}` }).click());
    await expect(hostile.locator(".flash").textContent()).resolves.toBe(`You are following ${READER}.`);
    const messageNotice = reader.locator(".live-notice", { hasText: "New message from" });
    const followNotice = reader.locator(".live-notice", { hasText: "is now following you" });
    await followNotice.waitFor({ timeout: 5000 });
    await expect(messageNotice.textContent()).resolves.toBe(`New message from ${proto}`);
    await expect(followNotice.textContent()).resolves.toBe(`${proto} is now following you`);
    await expect(followNotice.locator("a").getAttribute("href")).resolves.toBe(`/user/${proto}`);
    await inspect(reader, "live notices");

    // Every name links to its profile (a name of dots is no dot segment for the browser to fold).
    const hrefs = await Promise.all(HOSTILE_NAMES.map((name) => reader.locator(".post-meta a.user-link", { hasText: exactly(name) }).first().evaluate((a) => (a as HTMLAnchorElement).pathname)));
    expect(hrefs).toEqual(HOSTILE_NAMES.map((name) => `/user/${name}`));
    await hoverCard(reader, reader.locator(".post-meta a.user-link", { hasText: exactly(dots) }).first(), `popover of ${dots}`);
    await expect(reader.locator(".popover .profile-name").textContent()).resolves.toBe(dots);
    await reader.keyboard.press("Escape");
    await insertPopups(reader, HOSTILE_NAMES);
    await expect(reader.locator("div.popover .profile-name").allTextContents()).resolves.toEqual(HOSTILE_NAMES);
    await inspect(reader, "hostile names' cards");
    const parsed = await parsedPages(reader, HOSTILE_NAMES.map((name) => `/user/${encodeURIComponent(name)}`));
    expect(parsed.map((p) => [p.status, p.title])).toEqual(HOSTILE_NAMES.map((name) => [200, `${name} · Jot`]));

    // A name of dots, followed from its profile, reached by its link.
    await andWait(reader, reader.locator(".post-meta a.user-link", { hasText: exactly(dots) }).first().click());
    expect(pathOf(reader)).toBe(`/user/${dots}`);
    await expect(reader.locator("h1").textContent()).resolves.toBe(dots);
    await expect(reader.title()).resolves.toBe(`${dots} · Jot`);
    await andWait(reader, reader.getByRole("button", { name: `Follow ${dots}` }).click());
    await expect(reader.locator(".flash").textContent()).resolves.toBe(`You are following ${dots}.`);
    expect(pathOf(reader)).toBe(`/user/${dots}`);
    await inspect(reader, `after following ${dots}`);
    // __proto__: followed, then written to; the flashes, the title and the heading name them.
    await visit(reader, `/user/${proto}`);
    await expect(reader.locator("h1").textContent()).resolves.toBe(proto);
    await andWait(reader, reader.getByRole("button", { name: `Follow ${proto}` }).click());
    await expect(reader.locator(".flash").textContent()).resolves.toBe(`You are following ${proto}.`);
    await andWait(reader, reader.getByRole("link", { name: "Send message" }).click());
    await expect(reader.title()).resolves.toBe(`Messages with ${proto} · Jot`);
    await expect(reader.locator("h1").textContent()).resolves.toBe(proto);
    await reader.getByLabel(`Message ${proto}`).fill(`Hello, ${proto}`);
    await andWait(reader, reader.getByRole("button", { name: "Send" }).click());
    await expect(reader.locator(".bubble--mine .bubble__text").last().textContent()).resolves.toBe(`Hello, ${proto}`);
    await inspect(reader, `after writing to ${proto}`);

    // The newest of each list names them (newest first, so all on the first page).
    await visit(reader, `/user/${READER}/following`);
    expectShown(await reader.locator(".person-name").allTextContents(), [proto, dots], "following list");
    await visit(reader, `/user/${READER}/followers`);
    expectShown(await reader.locator(".person-name").allTextContents(), [proto], "followers list");
    await visit(reader, "/messages");
    expectShown(await reader.locator(".conversation__name").allTextContents(), [proto], "conversations");
    await visit(hostile, `/messages/${READER}`);
    expectShown(await hostile.locator(".bubble__text").allTextContents(), [`Hello, ${proto}`], `${proto}'s conversation`);

    // Answering them: the form names them, and so does the reply.
    for (const name of HOSTILE_NAMES) {
      const theirs = await db.post.findFirstOrThrow({ where: { body: `A post by ${name}` } });
      await visit(reader, `/post/${theirs.id}`);
      await reader.getByLabel(`Your reply to ${name}`, { exact: true }).fill(`An answer for ${name}`);
      await andWait(reader, reader.getByRole("button", { name: "Reply", exact: true }).click());
      await expect(reader.locator(".post-reply-to a").textContent()).resolves.toBe(`@${name}`);
      await expect(reader.locator(".post-reply-to a").evaluate((a) => (a as HTMLAnchorElement).pathname)).resolves.toBe(`/user/${name}`);
      await inspect(reader, `a reply to ${name}`);
    }
    expectNoIncidents();
  });
});

describe("an email address that is valid and hostile (policy bypassed)", () => {
  // Jot's address rule is loose on purpose, but refuses what a mail header gives meaning to
  // (< > " ( ) , ; : [ ] \\): the most hostile addresses left carry single quotes, backticks, = and entity names.
  const email = "'/onfocus=alert`1`/autofocus/data-xss='&amp{{x}}#@x.example";

  const changed = "'&ltimg/src=x/onerror=alert`2`/data-xss&gt'@y.example";

  it("is shown as text wherever Jot repeats it: flashes, the confirm banner and the composer's notice, settings, the development mail page", async () => {
    const page = await tab(await context({ bypassCSP: true }), "mail_victim");
    /** Wherever an address is mentioned in `selector`'s texts, it is the whole address, as text. */
    const shownAs = async (selector: string, address: string, where: string) => {
      const domain = address.slice(address.indexOf("@"));
      for (const text of await page.locator(selector).allTextContents()) if (text.includes(domain)) expect(text, where).toContain(address);
      await inspect(page, where);
    };

    await visit(page, "/register");
    await page.getByLabel("Username").fill("mail_victim");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Repeat password").fill(PASSWORD);
    await andWait(page, page.getByRole("button", { name: "Register" }).click());
    expect(pathOf(page)).toBe("/login");
    await shownAs(".flash", email, "register flash");
    expect((await db.user.findUniqueOrThrow({ where: { usernameKey: "mail_victim" } })).email).toBe(email);

    await logInAs(page, jot.baseUrl, "mail_victim");
    await shownAs(".unconfirmed-notice", email, "home, address not confirmed");
    await visit(page, "/explore");
    await shownAs(".confirm-banner", email, "explore, address not confirmed");
    await visit(page, "/settings");
    await shownAs("main", email, "settings");

    // The confirmation link, as its owner would open it: its page names the address too.
    await visit(page, new URL(mailedLink(jot.baseUrl, email)).pathname);
    await shownAs("main", email, "the link's page");
    await andWait(page, page.getByRole("button", { name: "Confirm my address" }).click());
    await shownAs(".flash", email, "address confirmed");
    // Changing to another such address.
    await visit(page, "/settings");
    await page.getByLabel("New email address").fill(changed);
    await page.locator("#email_password").fill(PASSWORD);
    await andWait(page, page.getByRole("button", { name: "Change email address" }).click());
    await shownAs(".flash, main", changed, "settings after asking for a new address");
    // The development mail page shows both messages, the addresses and the mail's text as text.
    await visit(page, "/dev/mail");
    await shownAs(".mail", email, "the development mail page");
    await shownAs(".mail", changed, "the development mail page");
    expectNoIncidents();
  });
});

describe("what the address bar brings in (policy bypassed)", () => {
  const next = '/"><svg/onload=alert(1)/data-xss>';

  it("/login?next= goes into the hidden field as text, encoded or not", async () => {
    const page = await tab(await context({ bypassCSP: true }), "visitor");
    await visit(page, `/login?next=${encodeURIComponent(next)}`);
    await expect(page.locator('input[name="next"]').inputValue()).resolves.toBe(next);
    await visit(page, `/login?next=${next}`);
    await expect(page.locator('input[name="next"]').inputValue()).resolves.toBe(next);
    expectNoIncidents();
  });

  it("the page's own address, sent unencoded, goes into follow forms as text", async () => {
    const cookie = (await bypassed.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    // A client that sends quotes and angle brackets as they are (browsers encode them; not every client does).
    const path = `/user/${userOf(ATTRIBUTE_BREAKOUT)}?x="><svg/onload=alert(1)/data-xss>'`;
    const raw = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const req = request(`${jot.baseUrl}/`, { path, headers: { cookie } }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"]), body }));
      });
      req.on("error", reject);
      req.end();
    });
    expect(raw.status).toBe(200);
    expect(raw.type).toBe("text/html; charset=utf-8");
    const field = /<input type="hidden" name="next" value="([^"]*)">/.exec(raw.body);
    expect(field?.[1]).toBe(`/user/${userOf(ATTRIBUTE_BREAKOUT)}?x=&quot;&gt;&lt;svg/onload=alert(1)/data-xss&gt;&#39;`);
    // That very HTML, in the browser.
    const page = await tab(bypassed.context(), "raw address");
    await page.route(url(`/user/${userOf(ATTRIBUTE_BREAKOUT)}?x=1`), (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: raw.body }));
    await visit(page, `/user/${userOf(ATTRIBUTE_BREAKOUT)}?x=1`);
    await expect(page.locator('input[name="next"]').first().inputValue()).resolves.toBe(path);
    await page.close();
    expectNoIncidents();
  });
});
