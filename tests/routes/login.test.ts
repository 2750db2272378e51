import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { REMEMBER_ME_SECONDS, SESSION_COOKIE, SESSION_LOGIN_SECONDS } from "../../app/plugins/session.js";
import { testApp } from "../helpers/app.js";
import { csrfTokenIn } from "../helpers/visitor.js";

const { visitor } = await testApp();

beforeAll(async () => {
  await visitor().register("walter", "correct horse");
});

function sessionCookie(res: { cookies: { name: string; maxAge?: number; expires?: Date; httpOnly?: boolean; sameSite?: string }[] }) {
  return res.cookies.find((c) => c.name === SESSION_COOKIE);
}

describe("POST /login", () => {
  it("logs in and lands on the home page", async () => {
    const v = visitor();
    const res = await v.login("walter", "correct horse");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/");
    const home = await v.get("/");
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain("Hi, walter!");
  });

  it("accepts the username in any case", async () => {
    expect((await visitor().login("WALTER", "correct horse")).statusCode).toBe(303);
  });

  it("says the same thing for a wrong password and an unknown user, keeping the username", async () => {
    const wrongPassword = await visitor().login("walter", "wrong horse");
    const unknownUser = await visitor().login("nobody", "correct horse");
    for (const res of [wrongPassword, unknownUser]) {
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain("Invalid username or password.");
      expect(res.body).not.toContain("horse");
    }
    expect(wrongPassword.body).toContain('value="walter"');
    expect(unknownUser.body).toContain('value="nobody"');
  });

  it("asks for missing fields beside them", async () => {
    const res = await visitor().login("", "");
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/id="username-error">Enter your username/);
    expect(res.body).toMatch(/id="password-error">Enter your password/);
  });

  it("without remember me sets a browser-session cookie (no expiry), httpOnly and SameSite=Lax", async () => {
    const cookie = sessionCookie(await visitor().login("walter", "correct horse"));
    expect(cookie).toBeDefined();
    expect(cookie!.maxAge).toBeUndefined();
    expect(cookie!.expires).toBeUndefined();
    expect(cookie!.httpOnly).toBe(true);
    expect(cookie!.sameSite).toBe("Lax");
  });

  it("with remember me sets a 30-day cookie, kept when the session is rewritten later", async () => {
    const v = visitor();
    const cookie = sessionCookie(await v.login("walter", "correct horse", { remember_me: "y" }));
    expect(cookie!.maxAge).toBe(REMEMBER_ME_SECONDS);
    // Posting rewrites the session (flash); the cookie must stay persistent.
    const page = await v.get("/");
    const posted = await v.post("/posts", { _csrf: csrfTokenIn(page.body), body: "still remembered" });
    expect(sessionCookie(posted)!.maxAge).toBe(REMEMBER_ME_SECONDS);
  });

  it("rotates the session: nothing from before the login (like its CSRF secret) survives", async () => {
    const v = visitor();
    const oldToken = csrfTokenIn((await v.get("/login")).body);
    const before = v.cookies.get(SESSION_COOKIE);
    await v.post("/login", { _csrf: oldToken, username: "walter", password: "correct horse" });
    expect(v.cookies.get(SESSION_COOKIE)).not.toBe(before);
    expect((await v.post("/posts", { _csrf: oldToken, body: "with a stale token" })).statusCode).toBe(403);
    const fresh = csrfTokenIn((await v.get("/")).body);
    expect((await v.post("/posts", { _csrf: fresh, body: "with a fresh token" })).statusCode).toBe(303);
  });

  it("rejects a form without a valid CSRF token and logs nobody in", async () => {
    const v = visitor();
    await v.get("/login");
    const res = await v.post("/login", { _csrf: "forged", username: "walter", password: "correct horse" });
    expect(res.statusCode).toBe(403);
    expect((await v.get("/")).statusCode).toBe(303);
  });
});

describe("how long a login lasts", () => {
  afterEach(() => vi.useRealTimers());

  const later = (seconds: number) => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + seconds * 1000);
  };

  it("ends a login without remember me after a day, even if the browser keeps the cookie", async () => {
    const v = visitor();
    await v.login("walter", "correct horse");
    later(SESSION_LOGIN_SECONDS - 60);
    expect((await v.get("/")).statusCode).toBe(200);
    later(120);
    const res = await v.get("/");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/login?next=%2F");
  });

  it("keeps a remembered login for weeks", async () => {
    const v = visitor();
    await v.login("walter", "correct horse", { remember_me: "y" });
    later(20 * 24 * 60 * 60);
    expect((await v.get("/")).statusCode).toBe(200);
  });

  it("drops the 30-day cookie when the next login is without remember me", async () => {
    const v = visitor();
    await v.login("walter", "correct horse", { remember_me: "y" });
    const page = await v.get("/");
    const again = await v.post("/login", { _csrf: csrfTokenIn(page.body), username: "walter", password: "correct horse" });
    expect(again.statusCode).toBe(303);
    expect(sessionCookie(again)!.maxAge).toBeUndefined();
  });
});

describe("next= after login", () => {
  const safe = ["/user/walter", "/?before=1700000000000-3", "/user/walter?after=1-1"];
  const unsafe = [
    "//evil.example",
    "////evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "http:evil.example",
    "javascript:alert(1)",
    "%2F%2Fevil.example",
    "/%2F%2Fevil.example",
    "/%5Cevil.example",
    "/%252F%252Fevil.example",
    "/\t/evil.example",
    "evil.example",
    "/日本",
    "/\u2028x",
    "/\u007f",
  ];

  it.each(safe)("redirects to the same-site path %s", async (next) => {
    const res = await visitor().login("walter", "correct horse", { next });
    expect(res.headers.location).toBe(next);
  });

  it.each(unsafe)("ignores %j and goes home", async (next) => {
    const res = await visitor().login("walter", "correct horse", { next });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/");
  });

  it("carries next from the login-required redirect through the form", async () => {
    const v = visitor();
    const res = await v.get("/user/walter");
    expect(res.headers.location).toBe("/login?next=%2Fuser%2Fwalter");
    const form = await v.get(res.headers.location as string);
    expect(form.body).toContain('name="next" value="/user/walter"');
    const login = await v.post("/login", { _csrf: csrfTokenIn(form.body), username: "walter", password: "correct horse", next: "/user/walter" });
    expect(login.headers.location).toBe("/user/walter");
  });

  it("does not put an unsafe next into the form", async () => {
    const form = await visitor().get("/login?next=%2F%2Fevil.example");
    expect(form.body).not.toContain("evil.example");
  });
});

describe("POST /logout", () => {
  it("ends the session and says so on the sign-in page", async () => {
    const v = visitor();
    await v.login("walter", "correct horse", { remember_me: "y" });
    const home = await v.get("/");
    expect(home.body).toContain('action="/logout"');
    const out = await v.post("/logout", { _csrf: csrfTokenIn(home.body) });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe("/login");
    const signIn = await v.get("/login");
    expect(signIn.body).toMatch(/class="flash">You have signed out\.</);
    // The message is all the new session held: no login is left in it.
    expect(signIn.body).not.toContain('action="/logout"');
    const after = await v.get("/");
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toBe("/login?next=%2F");
  });

  it("ends a copy of the cookie taken before it: it neither reads nor posts afterwards", async () => {
    const owner = visitor();
    await owner.login("walter", "correct horse", { remember_me: "y" });
    const home = await owner.get("/");
    const thief = visitor();
    for (const [name, value] of owner.cookies) thief.cookies.set(name, value);
    expect((await thief.get("/")).body).toContain("Hi, walter!");
    expect((await owner.post("/logout", { _csrf: csrfTokenIn(home.body) })).statusCode).toBe(303);

    expect((await thief.get("/")).headers.location).toBe("/login?next=%2F");
    const posted = await thief.post("/posts", { _csrf: csrfTokenIn(home.body), body: "posted with a stolen cookie" });
    expect(posted.statusCode).not.toBe(303);
    expect((await visitor().get("/user/walter")).body).not.toContain("stolen cookie");
  });

  it("ends the user's sessions on other devices too, and a new login works", async () => {
    const laptop = visitor();
    const phone = visitor();
    await laptop.login("walter", "correct horse");
    await phone.login("walter", "correct horse");
    const home = await laptop.get("/");
    await laptop.post("/logout", { _csrf: csrfTokenIn(home.body) });
    expect((await phone.get("/")).statusCode).toBe(303);
    expect((await phone.login("walter", "correct horse")).headers.location).toBe("/");
    expect((await phone.get("/")).body).toContain("Hi, walter!");
  });

  it("needs the CSRF token and is not reachable by GET", async () => {
    const v = visitor();
    await v.login("walter", "correct horse");
    expect((await v.post("/logout", {})).statusCode).toBe(403);
    expect((await v.get("/logout")).statusCode).toBe(404);
    expect((await v.get("/")).statusCode).toBe(200);
  });

  it("sends a logged-in user away from the login and register forms", async () => {
    const v = visitor();
    await v.login("walter", "correct horse");
    expect((await v.get("/login")).headers.location).toBe("/");
    expect((await v.get("/register")).headers.location).toBe("/");
  });
});
