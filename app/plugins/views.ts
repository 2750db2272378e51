import { join } from "node:path";
import fastifyView from "@fastify/view";
import { Eta } from "eta";
import type { FastifyInstance, FastifyReply } from "fastify";
import fp from "fastify-plugin";
import { projectRoot } from "../paths.js";
import { publicVersion } from "./public-files.js";
import { takeFlashes } from "./session.js";

declare module "fastify" {
  interface FastifyReply {
    /** Renders views/<template>.eta in the site layout, with the visitor, flashes and a CSRF token. */
    page(template: string, data?: Record<string, unknown>, status?: number): Promise<FastifyReply>;
    /** Renders views/<template>.eta alone, a piece of a page fetched by script, with a CSRF token. */
    fragment(template: string, data?: Record<string, unknown>, status?: number): Promise<FastifyReply>;
  }
}

const VIEWS = join(projectRoot, "views");

/**
 * The template engine over views/; production keeps compiled templates. The templates' indentation
 * is for people: each line's leading and trailing whitespace is left out of the page (rmWhitespace),
 * a line break still separating what it separated.
 */
export function createEta(production: boolean): Eta {
  return new Eta({ views: VIEWS, cache: production, rmWhitespace: true });
}

/** What the layout needs from a visitor we know nothing about (errors before the session is read). */
export const ANONYMOUS = { currentUser: null, csrfToken: "", flashes: [], assetVersion: publicVersion() } as const;

async function viewsPlugin(app: FastifyInstance, options: { eta: Eta; production: boolean }): Promise<void> {
  await app.register(fastifyView, {
    engine: { eta: options.eta },
    templates: VIEWS,
    production: options.production,
  });

  app.decorateReply("page", async function (this: FastifyReply, template: string, data = {}, status = 200) {
    const request = this.request;
    const user = request.currentUser;
    return this.code(status)
      .header("cache-control", "no-store")
      .view(template, {
        currentUser: user,
        // The nav marks the page it links to that is this one (aria-current).
        currentPath: request.url.split("?", 1)[0],
        csrfToken: this.generateCsrf(),
        // A HEAD request shows nobody anything, so it must not use up the messages.
        flashes: request.method === "HEAD" ? [] : takeFlashes(request),
        // Outside production the footer points to the mail Jot has written (/dev/mail).
        devMail: !options.production,
        assetVersion: publicVersion(),
        ...data,
      });
  });

  app.decorateReply("fragment", async function (this: FastifyReply, template: string, data = {}, status = 200) {
    return this.code(status)
      .header("cache-control", "no-store")
      .view(template, { csrfToken: this.generateCsrf(), ...data });
  });
}

export default fp(viewsPlugin, { name: "jot-views", dependencies: ["jot-session", "jot-csrf"] });
