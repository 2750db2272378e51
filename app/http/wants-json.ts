import type { FastifyRequest } from "fastify";

/** Whether the request came from the page's script, which asks for JSON: it wants data back, not a page. */
export const wantsJson = (request: FastifyRequest) => (request.headers.accept ?? "").includes("application/json");
