import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { User } from "../domain/user.js";
import type { AccountService } from "../services/account-service.js";
import { loggedInUserId } from "./session.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The logged-in user, or null for a visitor. */
    currentUser: User | null;
  }
}

/** Route guard: visitors go to the login page, which brings them back here afterwards. */
export async function requireLogin(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.currentUser) return;
  // Only a page can be returned to; a form post cannot be replayed after logging in.
  const next = request.method === "GET" ? `?next=${encodeURIComponent(request.url)}` : "";
  return reply.redirect(`/login${next}`, 303);
}

async function currentUserPlugin(app: FastifyInstance, options: { accounts: AccountService }): Promise<void> {
  app.decorateRequest("currentUser", null);
  app.addHook("preHandler", async (request) => {
    const userId = loggedInUserId(request);
    if (userId !== undefined) request.currentUser = await options.accounts.findById(userId);
    // An expired login, or an account that is gone: forget it rather than fail on every page.
    if (!request.currentUser && request.session.get("userId") !== undefined) request.session.delete();
  });
}

export default fp(currentUserPlugin, { name: "jot-current-user", dependencies: ["jot-session"] });
