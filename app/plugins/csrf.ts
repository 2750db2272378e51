import fastifyCsrfProtection from "@fastify/csrf-protection";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Every state-changing request must carry the session's CSRF token (hidden field `_csrf`).
 * One hook for all of them, so a new form cannot forget it.
 */
async function csrfPlugin(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCsrfProtection, { sessionPlugin: "@fastify/secure-session" });
  app.addHook("preHandler", (request, reply, done) => {
    // Unknown URLs answer 404 whatever the method; there is nothing there to protect.
    if (SAFE_METHODS.has(request.method) || request.is404) return done();
    app.csrfProtection(request, reply, done);
  });
}

export default fp(csrfPlugin, { name: "jot-csrf", dependencies: ["jot-session"] });
