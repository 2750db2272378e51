import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import type { TestProject } from "vitest/node";
import { migrateDeploy } from "../../scripts/prisma-cli.js";
import { databaseUrl, onServer, scratchPostgresServer } from "../../scripts/throwaway-postgres.js";

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

/** The run's PostgreSQL (TEST_POSTGRES_URL's, or a throwaway one) with a migrated template database. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await scratchPostgresServer();
  const prefix = `jot_test_${Date.now().toString(36)}_${process.pid}`;
  const template = `${prefix}_template`;
  // On a server of our own this is moot (it goes away); on TEST_POSTGRES_URL's it leaves nothing behind.
  const teardown = async () => {
    try {
      await onServer(server.url, async (client) => {
        const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [prefix]);
        for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      });
    } finally {
      await server.stop();
    }
  };
  try {
    await onServer(server.url, (client) => client.query(`CREATE DATABASE "${template}"`));
    migrateDeploy(databaseUrl(server.url, template));
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide("postgres", { serverUrl: server.url, template, prefix });
  return teardown;
}

/** The URL of a database on the run's server that does not exist yet (its name is the run's, so the run removes it). */
export function unmadePostgresDatabaseUrl(): string {
  const { serverUrl, prefix } = inject("postgres");
  return databaseUrl(serverUrl, `${prefix}_${randomUUID().replaceAll("-", "").slice(0, 12)}`);
}

/** A new database on the run's server: a copy of the migrated template, or empty. */
export async function createPostgresDatabase(from: "template" | "empty"): Promise<string> {
  const { serverUrl, template, prefix } = inject("postgres");
  const name = `${prefix}_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const copy = from === "template" ? ` TEMPLATE "${template}"` : "";
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"${copy}`));
  return databaseUrl(serverUrl, name);
}
