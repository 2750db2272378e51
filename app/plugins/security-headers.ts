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

const SECURITY_HEADERS = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
};

/**
 * Production is served to browsers over HTTPS (docs/running.md): for a year, and on its subdomains, the
 * browser goes there over HTTPS only, so no first request can be taken over in plain HTTP.
 */
const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

/** The headers every response carries: those above, and HSTS in production. */
export function securityHeaders(production: boolean): Record<string, string> {
  return production ? { ...SECURITY_HEADERS, "strict-transport-security": STRICT_TRANSPORT_SECURITY } : SECURITY_HEADERS;
}

/** Security headers on every response, pages and static files alike; HSTS in production. */
async function securityHeadersPlugin(app: FastifyInstance, { production }: { production: boolean }): Promise<void> {
  const headers = securityHeaders(production);
  app.addHook("onRequest", async (_request, reply) => {
    reply.headers(headers);
  });
}

export default fp(securityHeadersPlugin, { name: "jot-security-headers" });
