import type { FastifyInstance } from "fastify";
import { afterAll } from "vitest";
import { buildApp } from "../../app/app.js";
import { testConfig } from "./config.js";
import { rememberOutbox } from "./outbox.js";
import { Visitor } from "./visitor.js";

/**
 * Builds Jot on its own fresh database for one test file, closed when the file is done;
 * `queries`, when given, receives the SQL of every statement Jot runs.
 */
export async function testApp(overrides: Record<string, string> = {}, queries?: string[]) {
  const config = await testConfig(overrides);
  const app: FastifyInstance = await buildApp(config, queries ? { onQuery: (sql) => queries.push(sql) } : {});
  rememberOutbox(app, config.mail.outboxDir);
  afterAll(() => app.close());
  return { app, config, visitor: () => new Visitor(app) };
}

/** A visitor who has registered (with the address confirmed) and logged in. */
export async function loggedInVisitor(app: FastifyInstance, username: string): Promise<Visitor> {
  const visitor = new Visitor(app);
  await visitor.register(username);
  await visitor.login(username);
  return visitor;
}
