import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { lastMailTo, outboxOf } from "./outbox.js";

/** The `_csrf` hidden field of the first form in a page. */
export function csrfTokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error("page has no CSRF token");
  return match[1];
}

/** A browser stand-in over app.inject(): keeps cookies between requests, follows nothing by itself. */
export class Visitor {
  readonly cookies = new Map<string, string>();

  constructor(private readonly app: FastifyInstance) {}

  /** The Cookie header a browser would send. */
  cookieHeader(): string {
    // light-my-request hands cookie values back decoded; a browser sends them as set, encoded.
    return [...this.cookies].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join("; ");
  }

  private remember(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies) {
      const expired = cookie.maxAge === 0 || (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now());
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.remember(await this.app.inject({ method: "GET", url, headers: { ...headers, cookie: this.cookieHeader() } }));
  }

  async head(url: string): Promise<LightMyRequestResponse> {
    return this.remember(await this.app.inject({ method: "HEAD", url, headers: { cookie: this.cookieHeader() } }));
  }

  /** Posts a form as a browser would (urlencoded), with exactly the fields given. */
  async post(url: string, fields: Record<string, string | string[]>): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) {
      for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
    }
    return this.remember(
      await this.app.inject({
        method: "POST",
        url,
        headers: { cookie: this.cookieHeader(), "content-type": "application/x-www-form-urlencoded" },
        payload: body.toString(),
      }),
    );
  }

  /** Opens `pageUrl`, then submits its form to `action` with the page's CSRF token added. */
  async submit(pageUrl: string, action: string, fields: Record<string, string>): Promise<LightMyRequestResponse> {
    const page = await this.get(pageUrl);
    return this.post(action, { _csrf: csrfTokenIn(page.body), ...fields });
  }

  /**
   * Registers through the form and, unless `confirm` is false, opens the confirmation link Jot
   * mailed (as the new user would), so the account may post. Returns the register form's response.
   */
  async register(username: string, password = "correct horse", email = `${username}@example.com`, { confirm = true } = {}) {
    const registered = await this.submit("/register", "/register", { username, email, password, password2: password });
    const outbox = outboxOf(this.app);
    if (confirm && registered.statusCode === 303 && outbox) {
      const link = lastMailTo(outbox, email)?.linkPath;
      if (!link) throw new Error(`no confirmation mail to ${email} in ${outbox}`);
      // The link's page asks; its button confirms.
      await this.submit(link, link, {});
    }
    return registered;
  }

  async login(username: string, password = "correct horse", extra: Record<string, string> = {}) {
    return this.submit("/login", "/login", { username, password, ...extra });
  }
}
