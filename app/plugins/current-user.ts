import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { LastSeen } from "../services/accounts/last-seen.js";
import type { SessionUser } from "../domain/user.js";
import type { RecentUsers } from "../services/accounts/recent-users.js";
import { sessionLogin } from "./session.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The logged-in user, or null for a visitor. */
    currentUser: SessionUser | null;
  }
}

const READS = new Set(["GET", "HEAD"]);

/** Route guard: visitors go to the login page, which brings them back here afterwards. */
export async function requireLogin(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.currentUser) return;
  // Only a page can be returned to; a form post cannot be replayed after logging in.
  const next = request.method === "GET" ? `?next=${encodeURIComponent(request.url)}` : "";
  return reply.redirect(`/login${next}`, 303);
}

/**
 * Who is logged in, at almost no database cost on pages: the encrypted session carries the user's
 * id, and this process remembers who that is for a minute (RecentUsers), so a page costs one user
 * query a minute per user. Every other request (a write) reads the user afresh first, so an account
 * that has gone is logged out, and a name changed elsewhere is taken up, before anything is
 * written; on pages both show within a minute. The session's version is compared with the user's
 * as read there, at no cost of its own: a cookie from before a logout counts for nothing (at once
 * on writes and in this process, within the news bus's delay elsewhere, since a logout is news to
 * every process). Each logged-in request also keeps the user's "last seen" time (written at most
 * once a minute).
 */
async function currentUserPlugin(app: FastifyInstance, options: { recentUsers: RecentUsers; lastSeen: LastSeen }): Promise<void> {
  app.decorateRequest("currentUser", null);
  app.addHook("preHandler", async (request) => {
    await findCurrentUser(request);
    // "Last seen" is worth a line in the log when it cannot be written, never a failed page.
    if (request.currentUser) {
      await options.lastSeen.saw(request.currentUser.id).catch((error: unknown) => request.log.warn({ err: error }, "last seen not recorded"));
    }
  });

  async function findCurrentUser(request: FastifyRequest): Promise<void> {
    const login = sessionLogin(request);
    if (login) {
      const { recentUsers } = options;
      const user = await (READS.has(request.method) ? recentUsers.recent(login.userId) : recentUsers.fresh(login.userId));
      // A cookie from before a logout (copied, or on another device) carries an older version.
      request.currentUser = user?.sessionVersion === login.version ? user : null;
    }
    if (!request.currentUser && request.session.get("userId") !== undefined) {
      // An expired login, or an account that is gone: forget it rather than fail on every page.
      request.session.delete();
    }
  }
}

export default fp(currentUserPlugin, { name: "jot-current-user", dependencies: ["jot-session"] });
