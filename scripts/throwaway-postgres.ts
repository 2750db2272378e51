// A PostgreSQL server of our own for one test run, bench or migration: a new cluster in a temporary
// folder, listening on 127.0.0.1 only, removed when stopped. Uses the server programs of Debian's
// postgresql package (scripts/install-postgresql.sh installs it).
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort } from "./free-port.js";

const MIN_POSTGRES_VERSION = 15;

export interface PostgresServer {
  /** A URL for the `postgres` database, as a superuser without password; name others with `databaseUrl`. */
  url: string;
  stop(): Promise<void>;
}

/** The same server, another database. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The newest installed server's bin folder (Debian keeps each major version apart). */
function serverBinaries(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root).map(Number).filter((v) => v >= MIN_POSTGRES_VERSION && existsSync(join(root, String(v), "bin", "initdb")))
    : [];
  if (versions.length === 0) {
    throw new Error(
      `No PostgreSQL ${MIN_POSTGRES_VERSION}+ server programs under ${root}: run \`bash scripts/install-postgresql.sh\` (npm test does), or set TEST_POSTGRES_URL to a server of your own.`,
    );
  }
  return join(root, String(Math.max(...versions)), "bin");
}

/** PostgreSQL refuses to run as root, so root runs it as the postgres user the package created. */
function asServerUser(dir: string): (command: string, args: string[]) => void {
  const root = process.getuid?.() === 0;
  if (root) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  return (command, args) => {
    const [file, argv] = root ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
    const result = spawnSync(file, argv, { encoding: "utf8", cwd: dir });
    if (result.status !== 0) {
      throw new Error(`${command} ${args[0] ?? ""} failed (${result.status}): ${(result.stderr || result.stdout).trim()}`);
    }
  };
}

/**
 * Starts a fresh cluster. It runs in a time zone far from UTC on purpose, so that any time that
 * depended on the server's zone would show in the tests. Durability is off: nothing here outlives the run.
 */
export async function startThrowawayPostgres(): Promise<PostgresServer> {
  const bin = serverBinaries();
  const dir = mkdtempSync(join(tmpdir(), "jot-postgres-"));
  const data = join(dir, "data");
  const run = asServerUser(dir);
  try {
    run(join(bin, "initdb"), ["-D", data, "-U", "jot", "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"]);
    const port = await freePort();
    const settings = [
      "-c listen_addresses=127.0.0.1",
      `-p ${port}`,
      `-k ${dir}`,
      "-c timezone=Pacific/Chatham",
      "-c max_connections=200",
      "-c fsync=off",
      "-c synchronous_commit=off",
      "-c full_page_writes=off",
    ].join(" ");
    run(join(bin, "pg_ctl"), ["start", "-D", data, "-l", join(dir, "server.log"), "-w", "-t", "60", "-o", settings]);
    return {
      url: `postgresql://jot@127.0.0.1:${port}/postgres`,
      async stop() {
        try {
          run(join(bin, "pg_ctl"), ["stop", "-D", data, "-m", "fast", "-w"]);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Runs `work` on one connection to a server, closed afterwards. */
export async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The server TEST_POSTGRES_URL names (left as it is when stopped), or a throwaway one of our own. */
export async function scratchPostgresServer(): Promise<PostgresServer> {
  const given = process.env.TEST_POSTGRES_URL;
  return given ? { url: given, stop: async () => {} } : startThrowawayPostgres();
}

/**
 * A new, empty database for one job (a bench, a migration) on a scratch server. `drop` removes it
 * and stops the server if it was a throwaway one.
 */
export async function scratchPostgresDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const server = await scratchPostgresServer();
  const name = `${prefix}_${Date.now().toString(36)}_${process.pid}`;
  try {
    await onServer(server.url, (client) => client.query(`CREATE DATABASE "${name}"`));
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    url: databaseUrl(server.url, name),
    async drop() {
      try {
        await onServer(server.url, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      } finally {
        await server.stop();
      }
    },
  };
}
