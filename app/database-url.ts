import { isAbsolute, join } from "node:path";

/** Which database a DATABASE_URL names: its scheme alone decides. */
export type DatabaseProvider = "sqlite" | "postgresql";

export const DEFAULT_DATABASE_URL = "file:./data/jot.db";

export function providerOf(url: string): DatabaseProvider | undefined {
  if (/^file:./.test(url)) return "sqlite";
  if (/^postgres(ql)?:\/\/./.test(url)) return "postgresql";
  return undefined;
}

/** A SQLite `file:` URL with a relative path is taken from `root`; other URLs are returned as they are. */
export function absoluteDatabaseUrl(url: string, root: string): string {
  if (providerOf(url) !== "sqlite") return url;
  const file = url.slice("file:".length);
  return file === ":memory:" || isAbsolute(file) ? url : `file:${join(root, file)}`;
}

// Where a PostgreSQL URL can carry a secret besides its password part.
const SECRET_PARAMETERS = ["password", "sslpassword"];

/** The URL with any password masked, for messages and logs. */
export function redactedDatabaseUrl(url: string): string {
  if (providerOf(url) !== "postgresql" || !URL.canParse(url)) return url;
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  for (const name of SECRET_PARAMETERS) if (parsed.searchParams.has(name)) parsed.searchParams.set(name, "***");
  return parsed.toString();
}
