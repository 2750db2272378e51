// Prisma stores DateTime as UTC in timestamp columns; a UTC session keeps the database's own clock
// (now(), CURRENT_TIMESTAMP) in step with that, whatever the server's time zone.
const UTC_SESSION = "-c TimeZone=UTC";

/**
 * `?schema=` as the session's search_path: Prisma's own queries name the schema, Jot's SQL does not.
 * The name is quoted (so its case is kept) and its spaces escaped for the options string.
 */
function searchPath(schema: string): string {
  const quoted = `"${schema.replaceAll('"', '""')}"`;
  return `-c search_path=${quoted.replace(/[\\ ]/g, "\\$&")}`;
}

/** Where and how to connect for a `postgresql://` URL: the URL without Jot's settings, the settings, the schema. */
export function connectionSettings(databaseUrl: string): { connectionString: string; options: string; schema?: string } {
  const url = new URL(databaseUrl);
  // Settings in the URL would replace ours rather than add to them, so they are joined here.
  const given = url.searchParams.get("options");
  url.searchParams.delete("options");
  const schema = url.searchParams.get("schema") ?? undefined;
  const options = [given, UTC_SESSION, schema && searchPath(schema)].filter(Boolean).join(" ");
  return { connectionString: url.toString(), options, schema };
}
