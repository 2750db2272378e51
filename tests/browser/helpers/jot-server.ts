import type { FastifyInstance } from "fastify";
import { buildApp } from "../../../app/app.js";
import type { Config } from "../../../app/config.js";
import { testConfig } from "../../helpers/config.js";

/** A real Jot HTTP server on 127.0.0.1 (random port) with its own fresh SQLite file. */
export async function startJot(): Promise<{ app: FastifyInstance; config: Config; baseUrl: string }> {
  const config = await testConfig();
  const app = await buildApp(config);
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  return { app, config, baseUrl: address };
}
