import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

// Templates hold no inline script or style, so everything can be limited to Jot's own files.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export const SECURITY_HEADERS = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
};

/** Security headers on every response, pages and static files alike. */
async function securityHeadersPlugin(app: FastifyInstance): Promise<void> {
  app.addHook("onRequest", async (_request, reply) => {
    reply.headers(SECURITY_HEADERS);
  });
}

export default fp(securityHeadersPlugin, { name: "jot-security-headers" });
