// Jot's PostgreSQL sessions run in UTC (see app/database/postgres.ts), also when the URL brings
// session settings of its own, which the driver would otherwise let replace Jot's.
import { describe, expect, it } from "vitest";
import { freshDatabaseUrl, openTestDatabase } from "../helpers/database.js";

const url = new URL(await freshDatabaseUrl());
url.searchParams.set("options", "-c statement_timeout=4321");
const db = await openTestDatabase(url.toString());

describe("a PostgreSQL session", () => {
  it("runs in UTC and keeps the settings the URL asked for", async () => {
    const [zone] = await db.$queryRaw<{ TimeZone: string }[]>`SHOW TimeZone`;
    const [timeout] = await db.$queryRaw<{ statement_timeout: string }[]>`SHOW statement_timeout`;
    expect(zone?.TimeZone).toBe("UTC");
    expect(timeout?.statement_timeout).toBe("4321ms");
  });
});
