import type { Dispatcher } from "undici";
import { sessionCookieName } from "../../app/plugins/session.js";
import { lastMailTo } from "./outbox.js";
import { csrfTokenIn } from "./visitor.js";

export interface HttpPage {
  status: number;
  body: string;
  location: string | null;
}

/** How a visitor's requests travel: through an undici dispatcher of its own (another source address, a certificate authority to trust). */
export interface Connection {
  dispatcher?: Dispatcher;
}

/**
 * A browser stand-in over real HTTP: keeps Jot's session cookie, follows nothing by itself.
 * `on(baseUrl)` carries the same cookie to another server, as a load balancer would.
 */
export class HttpVisitor {
  constructor(
    readonly baseUrl: string,
    private readonly jar: { cookie: string } = { cookie: "" },
    private readonly connection: Connection = {},
  ) {}

  /** The same visitor (same cookie, shared from now on) talking to another server. */
  on(baseUrl: string): HttpVisitor {
    return new HttpVisitor(baseUrl, this.jar, this.connection);
  }

  get cookie(): string {
    return this.jar.cookie;
  }

  private async send(path: string, init: RequestInit = {}): Promise<HttpPage> {
    const headers = new Headers(init.headers);
    if (this.jar.cookie) headers.set("cookie", this.jar.cookie);
    const response = await fetch(`${this.baseUrl}${path}`, { ...init, ...this.connection, headers, redirect: "manual" } as RequestInit);
    // A production server (the bench's) names it with the __Host- prefix; Node's fetch sends it over plain HTTP all the same.
    const names = [sessionCookieName(false), sessionCookieName(true)];
    const session = response.headers.getSetCookie().find((c) => names.some((name) => c.startsWith(`${name}=`)));
    if (session) this.jar.cookie = session.split(";")[0]!;
    return { status: response.status, body: await response.text(), location: response.headers.get("location") };
  }

  get(path: string): Promise<HttpPage> {
    return this.send(path);
  }

  post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<HttpPage> {
    return this.send(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /** Opens `pagePath`, then submits its form to `action` with the page's CSRF token added. */
  async submit(pagePath: string, action: string, fields: Record<string, string>): Promise<HttpPage> {
    const page = await this.get(pagePath);
    return this.post(action, { _csrf: csrfTokenIn(page.body), ...fields });
  }

  /** Registers through the form; given the server's outbox, then opens the mailed link as the new user would. */
  async register(username: string, password: string, outbox?: string): Promise<HttpPage> {
    const email = `${username}@example.com`;
    const registered = await this.submit("/register", "/register", { username, email, password, password2: password });
    if (outbox && registered.status === 303) {
      const link = lastMailTo(outbox, email)?.linkPath;
      if (!link) throw new Error(`no confirmation mail to ${email} in ${outbox}`);
      // The link's page asks; its button confirms.
      await this.submit(link, link, {});
    }
    return registered;
  }

  login(username: string, password: string): Promise<HttpPage> {
    return this.submit("/login", "/login", { username, password });
  }
}
