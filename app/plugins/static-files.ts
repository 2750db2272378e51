import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { projectRoot } from "../paths.js";

/** public/ at /static/, cacheable for a day (file names are stable, so not "immutable"). */
async function staticFilesPlugin(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, {
    root: join(projectRoot, "public"),
    prefix: "/static/",
    maxAge: "1d",
    index: false,
  });
}

export default fp(staticFilesPlugin, { name: "jot-static-files" });
