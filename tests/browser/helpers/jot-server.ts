import type { FastifyInstance } from "fastify";
import { buildApp } from "../../../app/app.js";
import type { Config } from "../../../app/config.js";
import { freePort } from "../../../scripts/free-port.js";
import { testConfig } from "../../helpers/config.js";
import { awaitMailTo, lastMailTo, mailsTo } from "../../helpers/outbox.js";

const outboxes = new Map<string, string>();

/**
 * A real Jot HTTP server on 127.0.0.1 (a free port) with its own fresh SQLite file; the links it
 * mails start with its own address, as in development, so a browser can follow them.
 */
export async function startJot(): Promise<{ app: FastifyInstance; config: Config; baseUrl: string }> {
  const port = await freePort();
  // Browser tests sign in and get passwords wrong on purpose, many times over: no lockout here (the route and security suites prove the limits).
  const config = await testConfig({ PUBLIC_URL: `http://127.0.0.1:${port}`, LOGIN_FAILURES_PER_USERNAME: "10000", LOGIN_FAILURES_PER_ADDRESS: "100000" });
  const app = await buildApp(config);
  const address = await app.listen({ host: "127.0.0.1", port });
  outboxes.set(address, config.mail.outboxDir);
  return { app, config, baseUrl: address };
}

/** The address of the newest link the server at `baseUrl` mailed to `email`, as a person would open it. */
export function mailedLink(baseUrl: string, email: string): string {
  const path = lastMailTo(outboxes.get(baseUrl)!, email)?.linkPath;
  if (!path) throw new Error(`no mail to ${email} from ${baseUrl}`);
  return `${baseUrl}${path}`;
}

/** How many messages the server at `baseUrl` has mailed to `email`: before an action, to await the one it sends. */
export function mailCount(baseUrl: string, email: string): number {
  return mailsTo(outboxes.get(baseUrl)!, email).length;
}

/** The link in the next message to `email` after the first `already` (a mail sent after its page answered), as a person would open it. */
export async function nextMailedLink(baseUrl: string, email: string, already: number): Promise<string> {
  return `${baseUrl}${(await awaitMailTo(outboxes.get(baseUrl)!, email, already)).linkPath}`;
}
