import { hkdfSync } from "node:crypto";
import fastifySecureSession from "@fastify/secure-session";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { User } from "../domain/user.js";

declare module "@fastify/secure-session" {
  interface SessionData {
    userId: number;
    /** The user's name when the session was last checked against the database (see current-user.ts). */
    username: string;
    /** When that check was (ms since epoch). */
    checkedAt: number;
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

/** What every page needs to know about the logged-in user, carried in the session cookie. */
export type SessionUser = Pick<User, "id" | "username">;

/**
 * The logged-in user as the session remembers them, unless the login has run out. `username` is
 * missing from sessions started before Jot kept it there.
 */
export function loggedInUser(request: FastifyRequest): { id: number; username?: string; checkedAt: number } | undefined {
  const id = request.session.get("userId");
  const expiresAt = request.session.get("expiresAt") ?? 0;
  if (id === undefined || expiresAt <= Date.now()) return undefined;
  return { id, username: request.session.get("username"), checkedAt: request.session.get("checkedAt") ?? 0 };
}

/** Records the user's name as just read from the database. */
export function rememberSessionUser(request: FastifyRequest, user: SessionUser, now = Date.now()): void {
  if (request.session.get("username") !== user.username) request.session.set("username", user.username);
  request.session.set("checkedAt", now);
}

/** Starts a fresh session for a user who just proved who they are (no data from before survives). */
export function startLoginSession(request: FastifyRequest, user: SessionUser, remember: boolean): void {
  request.session.regenerate();
  request.session.set("userId", user.id);
  rememberSessionUser(request, user);
  request.session.set("remember", remember);
  request.session.set("expiresAt", Date.now() + (remember ? REMEMBER_ME_SECONDS : SESSION_LOGIN_SECONDS) * 1000);
  // Set either way: a cookie lifetime chosen earlier in this request must not carry over.
  request.session.options(remember ? { maxAge: REMEMBER_ME_SECONDS } : {});
}

async function sessionPlugin(app: FastifyInstance, options: SessionOptions): Promise<void> {
  await app.register(fastifySecureSession, {
    cookieName: SESSION_COOKIE,
    // A 32-byte key derived from SESSION_SECRET, so the secret itself can be any long string.
    key: Buffer.from(hkdfSync("sha256", options.secret, "", "jot session cookie key", 32)),
    // Upper bound on any cookie's life; each login also carries its own expiresAt.
    expiry: REMEMBER_ME_SECONDS,
    cookie: { path: "/", httpOnly: true, sameSite: "lax", secure: options.secureCookies },
  });

  app.decorateRequest("flash", function (this: FastifyRequest, message: string) {
    this.session.set("flash", [...(this.session.get("flash") ?? []), message]);
  });

  // Cookie options are not stored in the session, so a remembered session that is rewritten
  // later (a flash, a new CSRF secret) must be given its lifetime again.
  app.addHook("onRequest", async (request) => {
    if (request.session.get("remember")) request.session.options({ maxAge: REMEMBER_ME_SECONDS });
  });
}

export default fp(sessionPlugin, { name: "jot-session" });
