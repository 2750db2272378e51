// Open redirects: no `next` (nor anything else a visitor sends) can make Jot send a browser to
// another site. Every place that reads `next` is covered: GET /login?next= (rendered into the
// form's hidden field), POST /login (the redirect after signing in, and the form rendered again on
// an error), POST /follow and /unfollow (back to the page the button was on), and the
// login-required redirect that makes `next` in the first place. Every Location header any of these
// answer is checked to be a path on this very site, however a browser reads it.
import type { LightMyRequestResponse } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { csrfTokenIn, type Visitor } from "../helpers/visitor.js";

const ORIGIN = "http://jot.test";
const PASSWORD = "correct horse";
const USER = "redirector";

const { app, visitor } = await testApp();
let follower: Visitor;
let followerToken: string;
/** Every Location header Jot answered in this file, with what was asked. */
const locations: { request: string; location: string }[] = [];

/**
 * What the app must do with a `next`: "refused" falls back to the default (home after a login,
 * the profile after a follow); "kept" is a same-site path that comes back exactly; "safe" may go
 * either way (a harmless path such as /.//x, which stays on this site), only never off the site.
 */
type Expectation = "refused" | "kept" | "safe";

const LONG = "a".repeat(3000);
const CORPUS: [string, Expectation][] = [
  // Protocol-relative and slash/backslash tricks (browsers read "\" as "/" in http URLs).
  ["//evil.example", "refused"],
  ["//evil.example/", "refused"],
  ["///evil.example", "refused"],
  ["////evil.example", "refused"],
  ["/\\evil.example", "refused"],
  ["/\\/evil.example", "refused"],
  ["\\\\evil.example", "refused"],
  ["\\/evil.example", "refused"],
  ["/./\\evil.example", "refused"],
  ["//user:pass@evil.example/", "refused"],
  ["//evil.example/%2F..", "refused"],
  ["//127.0.0.1", "refused"],
  ["//0x7f.1", "refused"],
  // Absolute URLs and schemes.
  ["https://evil.example", "refused"],
  ["http://evil.example/", "refused"],
  ["HTTPS://EVIL.EXAMPLE", "refused"],
  ["http:evil.example", "refused"],
  ["http:/evil.example", "refused"],
  ["https:/\\evil.example", "refused"],
  ["http://jot.test.evil.example/", "refused"],
  ["http://jot.test@evil.example/", "refused"],
  ["ftp://evil.example", "refused"],
  ["javascript:alert(1)", "refused"],
  ["JaVaScRiPt:alert(1)", "refused"],
  [" javascript:alert(1)", "refused"],
  ["java\tscript:alert(1)", "refused"],
  ["javascript://%0aalert(1)", "refused"],
  ["data:text/html,<script>alert(1)</script>", "refused"],
  ["data:,evil", "refused"],
  ["vbscript:msgbox(1)", "refused"],
  // Percent-encoded forms, once, twice, three times, and more than Jot decodes.
  ["%2F%2Fevil.example", "refused"],
  ["/%2F/evil.example", "refused"],
  ["/%2Fevil.example", "refused"],
  ["%2F%5Cevil.example", "refused"],
  ["/%5Cevil.example", "refused"],
  ["/%5C/evil.example", "refused"],
  ["/%252F%252Fevil.example", "refused"],
  ["/%25252F%25252Fevil.example", "refused"],
  ["/%2525252F%2525252Fevil.example", "refused"],
  ["/%252525252F%252525252Fevil.example", "refused"],
  ["%68ttps://evil.example", "refused"],
  // Whitespace and control characters, which browsers strip before parsing.
  ["/\t/evil.example", "refused"],
  ["/\n/evil.example", "refused"],
  ["/\r\n/evil.example", "refused"],
  ["\t//evil.example", "refused"],
  ["/%09/evil.example", "refused"],
  ["/%0d%0a/evil.example", "refused"],
  ["/%0D%0ALocation:%20https://evil.example", "refused"],
  ["/\u0000//evil.example", "refused"],
  ["/%00//evil.example", "refused"],
  ["/ /evil.example", "refused"],
  [" /evil", "refused"],
  // User-info and host look-alikes without a leading slash.
  ["@evil.example", "refused"],
  ["evil.example", "refused"],
  ["evil.example/", "refused"],
  // Unicode look-alikes of "/" and ".", raw and encoded.
  ["／／evil.example", "refused"],
  ["/／evil.example", "refused"],
  ["\u2215\u2215evil.example", "refused"],
  ["/\u2044evil.example", "refused"],
  ["//evil。example", "refused"],
  ["%EF%BC%8F%EF%BC%8Fevil.example", "refused"],
  ["/%EF%BC%8F%EF%BC%8Fevil.example", "safe"],
  // Relative paths: not a path of this site as written.
  ["", "refused"],
  ["foo", "refused"],
  ["foo/bar", "refused"],
  ["./foo", "refused"],
  ["../", "refused"],
  ["../../evil.example", "refused"],
  ["..%2F..%2Fevil.example", "refused"],
  ["?next=//evil.example", "refused"],
  ["#//evil.example", "refused"],
  // Too long.
  [`/${LONG}`, "refused"],
  [`//${LONG}`, "refused"],
  // Same-site paths that only look odd: harmless wherever they go.
  ["/.//evil.example", "safe"],
  ["/..//evil.example", "safe"],
  ["/%2e%2e//evil.example", "safe"],
  ["/%2e/%2fevil.example", "safe"],
  ["/@evil.example", "safe"],
  ["/%20/evil.example", "safe"],
  ["/login?next=//evil.example", "safe"],
  ['/"><svg/onload=alert(1)>', "safe"],
  // Same-site paths that must come back exactly.
  ["/", "kept"],
  ["/explore", "kept"],
  ["/user/alice?page=2", "kept"],
  ["/user/alice/followers?before=1700000000000-5", "kept"],
  ["/messages/sent", "kept"],
  ["/user/alice?a=1&b=2", "kept"],
  ["/explore#top", "kept"],
  ["/user/a%20b", "kept"],
  [`/${"a".repeat(2000)}`, "kept"],
];

/** Whether a browser on http://jot.test would stay there following `location`, however it reads it. */
function expectSameOriginPath(location: string | undefined, why: string): void {
  expect(typeof location, why).toBe("string");
  const loc = location!;
  // A single "/" then anything but "/" or "\": no scheme, no authority.
  expect(loc, why).toMatch(/^\/(?![/\\])/);
  // Printable ASCII only: no whitespace or control characters a browser would strip, no backslash it would read as "/".
  expect(loc, why).toMatch(/^[\x21-\x7e]+$/);
  expect(loc.includes("\\"), why).toBe(false);
  for (const base of [`${ORIGIN}/`, `${ORIGIN}/user/alice/followers?before=1-1`, "https://jot.test/a/b/"]) {
    const resolved = new URL(loc, base);
    expect(resolved.host, why).toBe("jot.test");
    expect(resolved.protocol, why).toBe(new URL(base).protocol);
  }
}

/** Records and checks a response's Location, if it has one. */
function check(res: LightMyRequestResponse, request: string): LightMyRequestResponse {
  const location = res.headers.location;
  if (location !== undefined) {
    expect(typeof location, request).toBe("string");
    locations.push({ request, location: location as string });
    expectSameOriginPath(location as string, `${request} → Location ${JSON.stringify(location)}`);
  }
  return res;
}

const decodeAttribute = (value: string) =>
  value.replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

/** The value of the login form's hidden `next`, decoded as a browser would; undefined when there is none. */
function hiddenNext(html: string): string | undefined {
  const fields = [...html.matchAll(/<input[^>]*\bname="next"[^>]*>/g)];
  expect(fields.length).toBeLessThanOrEqual(1);
  if (fields.length === 0) return undefined;
  const value = /\bvalue="([^"]*)"/.exec(fields[0]![0]);
  expect(value, fields[0]![0]).not.toBeNull();
  return decodeAttribute(value![1]!);
}

const show = (value: string) => JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);

beforeAll(async () => {
  await loggedInVisitor(app, USER);
  await loggedInVisitor(app, "alice");
  follower = await loggedInVisitor(app, "follower");
  followerToken = csrfTokenIn((await follower.get("/user/alice")).body);
});

const CASES = CORPUS.map(([next, expectation]) => ({ next, expectation, label: show(next) }));

describe.each(CASES)("next=$label ($expectation)", ({ next, expectation, label }) => {

  it("GET /login?next= renders no hostile value into the form", async () => {
    const page = check(await visitor().get(`/login?next=${encodeURIComponent(next)}`), `GET /login?next=${label}`);
    expect(page.statusCode).toBe(200);
    const value = hiddenNext(page.body);
    if (expectation === "refused") expect(value).toBeUndefined();
    if (expectation === "kept") expect(value).toBe(next);
    if (value !== undefined) expectSameOriginPath(value, `hidden next for ${label}`);
  });

  it("POST /login: straight from a crafted form, and through the login page's own form", async () => {
    // Posted by hand, as a page elsewhere could.
    const crafted = visitor();
    const token = csrfTokenIn((await crafted.get("/login")).body);
    const res = check(await crafted.post("/login", { _csrf: token, username: USER, password: PASSWORD, next }), `POST /login next=${label}`);
    expect(res.statusCode).toBe(303);
    if (expectation === "refused") expect(res.headers.location).toBe("/");
    if (expectation === "kept") expect(res.headers.location).toBe(next);

    // As a person would: the link, then the form it shows, with whatever hidden field that has.
    const person = visitor();
    const page = check(await person.get(`/login?next=${encodeURIComponent(next)}`), `GET /login?next=${label}`);
    const hidden = hiddenNext(page.body);
    const fields: Record<string, string> = { _csrf: csrfTokenIn(page.body), username: USER, password: PASSWORD };
    if (hidden !== undefined) fields.next = hidden;
    const signedIn = check(await person.post("/login", fields), `POST /login via form, next=${label}`);
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).toBe(hidden ?? "/");
    // Logged in: the cookie works, and the login page now sends home whatever next says.
    check(await person.get(`/login?next=${encodeURIComponent(next)}`), `GET /login (logged in) next=${label}`);
  });

  it("POST /login with a blank password renders the form again with no hostile value", async () => {
    const v = visitor();
    const token = csrfTokenIn((await v.get("/login")).body);
    const res = check(await v.post("/login", { _csrf: token, username: USER, password: "", next }), `POST /login (blank) next=${label}`);
    expect(res.statusCode).toBe(422);
    const value = hiddenNext(res.body);
    if (expectation === "refused") expect(value).toBeUndefined();
    if (expectation === "kept") expect(value).toBe(next);
    if (value !== undefined) expectSameOriginPath(value, `hidden next (blank password) for ${label}`);
  });

  it("POST /follow and /unfollow go back only to a same-site path", async () => {
    for (const action of ["/follow/alice", "/unfollow/alice"]) {
      const res = check(await follower.post(action, { _csrf: followerToken, next }), `POST ${action} next=${label}`);
      expect(res.statusCode).toBe(303);
      if (expectation === "refused") expect(res.headers.location).toBe("/user/alice");
      if (expectation === "kept") expect(res.headers.location).toBe(next);
    }
  });
});

describe("next sent in other shapes", () => {
  it("a repeated next (an array) is ignored, on GET and on POST", async () => {
    const page = check(await visitor().get("/login?next=%2Fexplore&next=%2F%2Fevil.example"), "GET /login?next=…&next=…");
    expect(hiddenNext(page.body)).toBeUndefined();
    const v = visitor();
    const token = csrfTokenIn((await v.get("/login")).body);
    const res = check(await v.post("/login", { _csrf: token, username: USER, password: PASSWORD, next: ["/explore", "//evil.example"] }), "POST /login next×2");
    expect(res.headers.location).toBe("/");
  });

  it("next left unencoded in the query string is read the same way", async () => {
    for (const raw of ["//evil.example", "/%2F/evil.example", "%2F%2Fevil.example", "https://evil.example", "/\\evil.example", "/%5Cevil.example"]) {
      const page = check(await visitor().get(`/login?next=${raw}`), `GET /login?next=${raw} (raw)`);
      expect(page.statusCode, raw).toBe(200);
      expect(hiddenNext(page.body), raw).toBeUndefined();
    }
  });
});

describe("the login-required redirect that makes next", () => {
  // Visitors asking for pages behind the login, with hostile things in the path and the query.
  const PAGES = [
    "/",
    "/explore",
    "/user/alice",
    "/user/alice?next=//evil.example",
    "/user/alice?x=https://evil.example",
    "/user/alice/followers?before=1700000000000-5",
    "/messages?next=%2F%2Fevil.example",
    "/edit_profile?redirect=//evil.example",
    "/send_message/alice?return_to=https%3A%2F%2Fevil.example",
    "/settings?url=//evil.example",
  ];

  it.each(PAGES)("GET %s → /login?next=<itself>, and signing in comes back there", async (path) => {
    const v = visitor();
    const res = check(await v.get(path), `GET ${path} (visitor)`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(path)}`);
    const page = check(await v.get(res.headers.location as string), `GET ${res.headers.location}`);
    const hidden = hiddenNext(page.body);
    expect(hidden).toBe(path);
    const signedIn = check(await v.post("/login", { _csrf: csrfTokenIn(page.body), username: USER, password: PASSWORD, next: hidden! }), `POST /login next=${path}`);
    expect(signedIn.headers.location).toBe(path);
  });

  it("a page whose own address hides a line break is not returned to after signing in", async () => {
    const path = "/?x=%0d%0aLocation:%20https://evil.example";
    const v = visitor();
    const res = check(await v.get(path), `GET ${path} (visitor)`);
    expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(path)}`);
    const page = check(await v.get(res.headers.location as string), `GET ${res.headers.location}`);
    expect(hiddenNext(page.body)).toBeUndefined();
    const signedIn = check(await v.post("/login", { _csrf: csrfTokenIn(page.body), username: USER, password: PASSWORD, next: path }), "POST /login next=<CRLF>");
    expect(signedIn.headers.location).toBe("/");
  });

  // Odd request paths: whatever they answer, any redirect stays here.
  const ODD_PATHS = [
    "//evil.example",
    "//evil.example/",
    "///evil.example",
    "/\\evil.example",
    "/%2F%2Fevil.example",
    "/%5C%5Cevil.example",
    "/explore/",
    "/user/alice/",
    "/static",
    "/static/",
    "/static/css",
    "/static/css/",
    "/static//evil.example",
    "/static/..%2F..%2Fevil.example",
    "/login/",
    "/logout",
    "/user/alice/popup?next=//evil.example",
    "/notifications?since=1&next=//evil.example",
    "/verify_email/AAAA?next=//evil.example",
    "/reset_password/AAAA?next=//evil.example",
    "/reset_password_request?next=//evil.example",
  ];

  it.each(ODD_PATHS)("GET %s: any Location is a path of this site, visitor or logged in", async (path) => {
    check(await visitor().get(path), `GET ${path} (visitor)`);
    check(await follower.get(path), `GET ${path} (logged in)`);
  });

  it("POST to a page behind the login sends a visitor to log in with no next", async () => {
    for (const action of ["/posts", "/follow/alice", "/send_message/alice", "/edit_profile"]) {
      const v = visitor();
      const token = csrfTokenIn((await v.get("/login")).body);
      const res = check(await v.post(action, { _csrf: token, next: "//evil.example" }), `POST ${action} (visitor)`);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe("/login");
    }
  });
});

describe("every POST route, new ones included", () => {
  // Taken from Fastify itself, so a route added later that reads a redirect field is swept too.
  const routes = app
    .printRoutes({ commonPrefix: false, method: "POST" })
    .split("\n")
    .flatMap((line) => /\s(\/\S*) \(POST\)$/.exec(line)?.[1] ?? []);
  const HOSTILE_FIELDS = {
    next: "//evil.example",
    redirect: "https://evil.example",
    redirect_to: "/\\evil.example",
    return_to: "//evil.example",
    returnTo: "//evil.example",
    url: "https://evil.example",
    back: "//evil.example",
  };
  let users = 0;

  it("there are POST routes to sweep", () => {
    expect(routes).toContain("/login");
    expect(routes).toContain("/follow/:username");
  });

  it.each(routes)("POST %s with hostile redirect fields, as a visitor and as a user: any Location stays here", async (route) => {
    const path = route.replace(":username", "alice").replace(":token", "A".repeat(43));
    for (const v of [visitor(), await loggedInVisitor(app, `sweeper${users++}`)]) {
      const page = await v.get("/login");
      const token = page.statusCode === 200 ? csrfTokenIn(page.body) : csrfTokenIn((await v.get("/")).body);
      check(await v.post(path, { _csrf: token, ...HOSTILE_FIELDS }), `POST ${path}`);
    }
  });
});

describe("every Location header Jot sent in this file", () => {
  it("was a path of this site", () => {
    // A sanity check that the file did exercise the redirects (each corpus entry makes several).
    expect(locations.length).toBeGreaterThan(CORPUS.length * 4);
    for (const { request, location } of locations) expectSameOriginPath(location, `${request} → ${location}`);
    expect(locations.filter(({ location }) => /evil/i.test(new URL(location, ORIGIN).host))).toEqual([]);
  });
});
