// Outside production, /dev/styleguide shows every component in its states with sample content, made
// by the real view models; in production it does not exist.
import { describe, expect, it } from "vitest";
import { OWASP_ARGON2 } from "../../app/config.js";
import { testApp } from "../helpers/app.js";

const { visitor } = await testApp();
const production = await testApp({ NODE_ENV: "production", ARGON2_MEMORY_KIB: String(OWASP_ARGON2.memoryCost), ARGON2_TIME_COST: String(OWASP_ARGON2.timeCost) });

describe("GET /dev/styleguide", () => {
  it("shows each component in its states, from the real partials, with every page's stylesheet", async () => {
    const page = await visitor().get("/dev/styleguide");
    expect(page.statusCode).toBe(200);
    for (const shown of [
      'class="button button--danger"',
      'class="field-hint"',
      'class="field-error"',
      'class="composer"',
      'class="flash"',
      'class="confirm-banner"',
      'class="post-repost"',
      'class="post-reply-to"',
      'class="post post--deleted"',
      'aria-pressed="true"',
      'class="profile-banner"',
      'class="popover popover--sample"',
      'class="conversation conversation--unread"',
      'class="bubble bubble--mine"',
      'class="bubble bubble--theirs"',
    ]) {
      expect(page.body, shown).toContain(shown);
    }
    for (const style of ["forms", "home", "people", "post", "profile", "messages", "unconfirmed", "styleguide"]) {
      expect(page.body).toMatch(new RegExp(`href="/static/css/${style}\\.css\\?v=[0-9a-f]{16}"`));
    }
    // Its buttons lead to no real post.
    expect(page.body).toMatch(/formaction="\/post\/2147483601\/like"/);
  });

  it("does not exist in production (404)", async () => {
    expect((await production.visitor().get("/dev/styleguide")).statusCode).toBe(404);
  });
});
