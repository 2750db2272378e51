import type { FastifyInstance } from "fastify";
import { styleguideView } from "../view-models/styleguide.js";

/**
 * Development only (never registered in production): every component in its states on one page,
 * with sample content, so that a change to the stylesheet can be judged on one screenshot per
 * scheme (`npm run screenshots` takes it, light and dark, at both widths).
 */
export default async function devStyleguideRoutes(app: FastifyInstance): Promise<void> {
  app.get("/dev/styleguide", async (_request, reply) => reply.page("styleguide", styleguideView()));
}
