import { connectionSettings } from "./postgres-settings.js";

/**
 * Creates the database a `postgresql://` URL names, unless it exists. Prisma would create it too,
 * but two processes starting together on a new database both try, and one fails: here the one that
 * comes second finds it made.
 */
export async function createPostgresDatabaseIfMissing(url: string): Promise<void> {
  const { default: pg } = await import("pg");
  const { connectionString, options } = connectionSettings(url);
  const target = new pg.Client({ connectionString, options, connectionTimeoutMillis: 5000 });
  try {
    await target.connect();
    await target.end();
    return;
  } catch (error) {
    // 3D000: no such database. Anything else (a wrong password, no server) is for the caller to say.
    if ((error as { code?: string }).code !== "3D000") throw error;
  }
  const name = decodeURIComponent(new URL(connectionString).pathname.slice(1));
  const maintenance = new URL(connectionString);
  maintenance.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: maintenance.toString(), connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } catch (error) {
    // Another process created it a moment ago: 42P04 if it had finished, 23505 (on pg_database's
    // own unique index) if both were creating it at the very same moment.
    if (!["42P04", "23505"].includes((error as { code?: string }).code ?? "")) throw error;
  } finally {
    await admin.end();
  }
}
