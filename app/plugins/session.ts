import { hkdfSync } from "node:crypto";
import fastifySecureSession from "@fastify/secure-session";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { User } from "../domain/user.js";

declare module "@fastify/secure-session" {
  interface SessionData {
    userId: number;
    /** The user's session version when this login was made (User.sessionVersion). */
    version: number;
    /** "Remember me" was ticked: the cookie outlives the browser session. */
    remember: boolean;
    /** When the login stops counting (ms since epoch), whatever the browser does with the cookie. */
    expiresAt: number;
    flash: string[];
    _csrf: string;
  }
}

declare module "fastify" {
  interface FastifyRequest {
    /** Queues a message shown once, on the next page rendered for this visitor. */
    flash(message: string): void;
  }
}

export const REMEMBER_ME_SECONDS = 30 * 24 * 60 * 60;
/** A login without "remember me" lasts at most this long, even in a browser that is never closed. */
export const SESSION_LOGIN_SECONDS = 24 * 60 * 60;
export const SESSION_COOKIE = "jot_session";
/**
 * A session keeps only the newest few messages: a client that never follows the redirects (or a
 * script posting in a loop) would otherwise grow the cookie past what browsers and Node accept.
 */
export const MOST_FLASHES = 3;

/**
 * The cookie's name. With Secure cookies (production) it takes the `__Host-` prefix: browsers then
 * accept it only when it is Secure, for the whole site and from this very host, so neither a page
 * over plain HTTP nor a sibling subdomain can plant or replace it.
 */
export const sessionCookieName = (secureCookies: boolean) => (secureCookies ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE);

export interface SessionOptions {
  secret: string;
  secureCookies: boolean;
}

/** Takes the queued flash messages, leaving none behind. */
export function takeFlashes(request: FastifyRequest): string[] {
  const messages = request.session.get("flash") ?? [];
  if (messages.length > 0) request.session.set("flash", undefined);
  return messages;
}

/**
 * The logged-in user's id and the session version the login was made with, unless the login has
 * run out (who they are now, and whether that version still counts: RecentUsers).
 */
export function sessionLogin(request: FastifyRequest): { userId: number; version: number } | undefined {
  const userId = request.session.get("userId");
  const expiresAt = request.session.get("expiresAt") ?? 0;
  // Logins made before versions were kept count as version 0, so they were not all ended at once.
  return userId !== undefined && expiresAt > Date.now() ? { userId, version: request.session.get("version") ?? 0 } : undefined;
}

/** Starts a fresh session for a user who just proved who they are (no data from before survives). */
export function startLoginSession(request: FastifyRequest, user: Pick<User, "id" | "sessionVersion">, remember: boolean): void {
  request.session.regenerate();
  request.session.set("userId", user.id);
  request.session.set("version", user.sessionVersion);
  request.session.set("remember", remember);
  request.session.set("expiresAt", Date.now() + (remember ? REMEMBER_ME_SECONDS : SESSION_LOGIN_SECONDS) * 1000);
  // Set either way: a cookie lifetime chosen earlier in this request must not carry over.
  request.session.options(remember ? { maxAge: REMEMBER_ME_SECONDS } : {});
}

async function sessionPlugin(app: FastifyInstance, options: SessionOptions): Promise<void> {
  await app.register(fastifySecureSession, {
    cookieName: sessionCookieName(options.secureCookies),
    // A 32-byte key derived from SESSION_SECRET, so the secret itself can be any long string.
    key: Buffer.from(hkdfSync("sha256", options.secret, "", "jot session cookie key", 32)),
    // Upper bound on any cookie's life; each login also carries its own expiresAt.
    expiry: REMEMBER_ME_SECONDS,
    cookie: { path: "/", httpOnly: true, sameSite: "lax", secure: options.secureCookies },
  });

  app.decorateRequest("flash", function (this: FastifyRequest, message: string) {
    this.session.set("flash", [...(this.session.get("flash") ?? []), message].slice(-MOST_FLASHES));
  });

  // Cookie options are not stored in the session, so a remembered session that is rewritten
  // later (a flash, a new CSRF secret) must be given its lifetime again.
  app.addHook("onRequest", async (request) => {
    if (request.session.get("remember")) request.session.options({ maxAge: REMEMBER_ME_SECONDS });
  });
}

export default fp(sessionPlugin, { name: "jot-session" });
