import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { AccountService } from "../services/account-service.js";
import type { LastSeen } from "../services/last-seen.js";
import { loggedInUser, rememberSessionUser, type SessionUser } from "./session.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The logged-in user, or null for a visitor. */
    currentUser: SessionUser | null;
  }
}

const READS = new Set(["GET", "HEAD"]);
/**
 * How long a page trusts the name in the session. Past it, the next page reads the user again
 * (one query a minute per session at most), so a rename made in another session, or a deleted
 * account, shows on every device within a minute, not at its next form post.
 */
export const SESSION_USER_TRUSTED_MS = 60_000;

/** Route guard: visitors go to the login page, which brings them back here afterwards. */
export async function requireLogin(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.currentUser) return;
  // Only a page can be returned to; a form post cannot be replayed after logging in.
  const next = request.method === "GET" ? `?next=${encodeURIComponent(request.url)}` : "";
  return reply.redirect(`/login${next}`, 303);
}

/**
 * Who is logged in, at almost no database cost on pages: the encrypted session carries the user's
 * id and name, checked again once a minute. Every other request (a write) checks them against the
 * database first, so an account that has gone is logged out, and a name changed elsewhere is taken
 * up, before anything is written.
 * That check is also where a per-user session version can be compared later. Each logged-in
 * request also keeps the user's "last seen" time (written at most once a minute).
 */
async function currentUserPlugin(app: FastifyInstance, options: { accounts: AccountService; lastSeen: LastSeen }): Promise<void> {
  app.decorateRequest("currentUser", null);
  app.addHook("preHandler", async (request) => {
    await findCurrentUser(request);
    // "Last seen" is worth a line in the log when it cannot be written, never a failed page.
    if (request.currentUser) {
      await options.lastSeen.saw(request.currentUser.id).catch((error: unknown) => request.log.warn({ err: error }, "last seen not recorded"));
    }
  });

  async function findCurrentUser(request: FastifyRequest): Promise<void> {
    const remembered = loggedInUser(request);
    const now = Date.now();
    const fresh = remembered !== undefined && now - remembered.checkedAt < SESSION_USER_TRUSTED_MS;
    if (remembered?.username !== undefined && fresh && READS.has(request.method)) {
      request.currentUser = { id: remembered.id, username: remembered.username };
      return;
    }
    const user = remembered ? await options.accounts.findById(remembered.id) : null;
    if (user) {
      rememberSessionUser(request, user, now);
      request.currentUser = { id: user.id, username: user.username };
    } else if (request.session.get("userId") !== undefined) {
      // An expired login, or an account that is gone: forget it rather than fail on every page.
      request.session.delete();
    }
  }
}

export default fp(currentUserPlugin, { name: "jot-current-user", dependencies: ["jot-session"] });
