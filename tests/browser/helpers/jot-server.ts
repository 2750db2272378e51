import type { FastifyInstance } from "fastify";
import { buildApp } from "../../../app/app.js";
import type { Config } from "../../../app/config.js";
import { testConfig } from "../../helpers/config.js";
import { lastMailTo } from "../../helpers/outbox.js";

const outboxes = new Map<string, string>();

/** A real Jot HTTP server on 127.0.0.1 (random port) with its own fresh SQLite file. */
export async function startJot(): Promise<{ app: FastifyInstance; config: Config; baseUrl: string }> {
  const config = await testConfig();
  const app = await buildApp(config);
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  outboxes.set(address, config.mail.outboxDir);
  return { app, config, baseUrl: address };
}

/** The address of the newest link the server at `baseUrl` mailed to `email`, as a person would open it. */
export function mailedLink(baseUrl: string, email: string): string {
  const path = lastMailTo(outboxes.get(baseUrl)!, email)?.linkPath;
  if (!path) throw new Error(`no mail to ${email} from ${baseUrl}`);
  return `${baseUrl}${path}`;
}
