import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import pg from "pg";
import { inject } from "vitest";
import type { TestProject } from "vitest/node";
import { databaseUrl, startThrowawayPostgres, type PostgresServer } from "../../scripts/throwaway-postgres.js";
import { projectRoot } from "./paths.js";

declare module "vitest" {
  export interface ProvidedContext {
    postgres: {
      /** A URL to the server's maintenance database, as a user who may create databases. */
      serverUrl: string;
      /** Built once per run from prisma/postgres/migrations; each test file gets a copy. */
      template: string;
      /** Every database this run makes starts with it, so the run can remove exactly its own. */
      prefix: string;
    };
  }
}

/** The server named by TEST_POSTGRES_URL, or one of our own for this run. */
async function server(): Promise<PostgresServer> {
  const url = process.env.TEST_POSTGRES_URL;
  return url ? { url, stop: async () => {} } : startThrowawayPostgres();
}

/** Runs `work` on one connection to the server, closed afterwards. */
export async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await server();
  const prefix = `jot_test_${Date.now().toString(36)}_${process.pid}`;
  const template = `${prefix}_template`;
  try {
    await onServer(postgres.url, (client) => client.query(`CREATE DATABASE "${template}"`));
    execFileSync(join(projectRoot, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl(postgres.url, template) },
      stdio: ["ignore", "ignore", "inherit"],
    });
  } catch (error) {
    await postgres.stop();
    throw error;
  }
  project.provide("postgres", { serverUrl: postgres.url, template, prefix });

  return async () => {
    // On a server of our own this is moot (it goes away); on TEST_POSTGRES_URL's it leaves nothing behind.
    await onServer(postgres.url, async (client) => {
      const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [prefix]);
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    });
    await postgres.stop();
  };
}

/** A new database on the run's server: a copy of the migrated template, or empty. */
export async function createPostgresDatabase(from: "template" | "empty"): Promise<string> {
  const { serverUrl, template, prefix } = inject("postgres");
  const name = `${prefix}_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const copy = from === "template" ? ` TEMPLATE "${template}"` : "";
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"${copy}`));
  return databaseUrl(serverUrl, name);
}
