import { join } from "node:path";
import fastifyView from "@fastify/view";
import { Eta } from "eta";
import type { FastifyInstance, FastifyReply } from "fastify";
import fp from "fastify-plugin";
import { projectRoot } from "../paths.js";
import { takeFlashes } from "./session.js";

declare module "fastify" {
  interface FastifyReply {
    /** Renders views/<template>.eta in the site layout, with the visitor, flashes and a CSRF token. */
    page(template: string, data?: Record<string, unknown>, status?: number): Promise<FastifyReply>;
  }
}

const VIEWS = join(projectRoot, "views");

async function viewsPlugin(app: FastifyInstance, options: { production: boolean }): Promise<void> {
  await app.register(fastifyView, {
    engine: { eta: new Eta({ views: VIEWS, cache: options.production }) },
    templates: VIEWS,
    production: options.production,
  });

  app.decorateReply("page", async function (this: FastifyReply, template: string, data = {}, status = 200) {
    const request = this.request;
    const user = request.currentUser;
    return this.code(status)
      .header("cache-control", "no-store")
      .view(template, {
        currentUser: user ? { username: user.username } : null,
        csrfToken: this.generateCsrf(),
        flashes: takeFlashes(request),
        ...data,
      });
  });
}

export default fp(viewsPlugin, { name: "jot-views", dependencies: ["jot-session", "jot-csrf"] });
