import { describe, expect, it } from "vitest";
import { testApp } from "../helpers/app.js";
import { csrfTokenIn } from "../helpers/visitor.js";

const { app, visitor } = await testApp();

function fields(username: string, overrides: Record<string, string> = {}) {
  return { username, email: `${username}@example.com`, password: "long enough", password2: "long enough", ...overrides };
}

describe("GET /register", () => {
  it("shows a labelled form with a CSRF token", async () => {
    const page = await visitor().get("/register");
    expect(page.statusCode).toBe(200);
    for (const name of ["username", "email", "password", "password2"]) {
      expect(page.body).toContain(`<label for="${name}">`);
      expect(page.body).toContain(`name="${name}"`);
    }
    expect(csrfTokenIn(page.body)).toBeTruthy();
  });
});

describe("POST /register", () => {
  it("creates the account, flashes and redirects to /login", async () => {
    const v = visitor();
    const res = await v.submit("/register", "/register", fields("newbie"));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/login");
    const login = await v.get("/login");
    expect(login.body).toContain("Congratulations, you are now a registered user!");
    expect((await v.get("/login")).body).not.toContain("Congratulations"); // shown once
    expect((await v.login("newbie", "long enough")).statusCode).toBe(303);
  });

  it("shows every error beside its field, keeps the typed values and never the passwords", async () => {
    const res = await visitor().submit("/register", "/register", {
      username: "a b",
      email: "not-an-email",
      password: "secretpw1",
      password2: "secretpw2",
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/id="username-error">Use only letters/);
    expect(res.body).toMatch(/id="email-error">Enter a valid email address/);
    expect(res.body).toMatch(/id="password2-error">Passwords do not match/);
    expect(res.body).toContain('value="a b"');
    expect(res.body).toContain('value="not-an-email"');
    expect(res.body).not.toContain("secretpw");
  });

  it("rejects a password shorter than 8 characters", async () => {
    const res = await visitor().submit("/register", "/register", fields("shorty", { password: "1234567", password2: "1234567" }));
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/id="password-error">Use at least 8 characters/);
  });

  it("gives a duplicate username (any case) or email a field error with 422", async () => {
    await visitor().submit("/register", "/register", fields("Taken"));
    const byName = await visitor().submit("/register", "/register", fields("tAKEN", { email: "fresh@example.com" }));
    expect(byName.statusCode).toBe(422);
    expect(byName.body).toMatch(/id="username-error">That username is taken/);
    const byEmail = await visitor().submit("/register", "/register", fields("other", { email: "TAKEN@example.com" }));
    expect(byEmail.statusCode).toBe(422);
    expect(byEmail.body).toMatch(/id="email-error">That email address is already registered/);
  });

  it("turns two racing registrations for one name into one account and one field error", async () => {
    const [a, b] = [visitor(), visitor()];
    const [tokenA, tokenB] = [csrfTokenIn((await a.get("/register")).body), csrfTokenIn((await b.get("/register")).body)];
    const results = await Promise.all([
      a.post("/register", { _csrf: tokenA, ...fields("racer", { email: "r1@example.com" }) }),
      b.post("/register", { _csrf: tokenB, ...fields("RACER", { email: "r2@example.com" }) }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([303, 422]);
    expect(results.find((r) => r.statusCode === 422)!.body).toMatch(/username-error/);
  });

  it("treats repeated or missing fields as blank rather than failing", async () => {
    const v = visitor();
    const token = csrfTokenIn((await v.get("/register")).body);
    const res = await v.post("/register", { _csrf: token, username: ["x", "y"], email: "e@example.com" });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("username-error");
  });
});
