import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { derivePostgresSchema, SOURCE } from "../../scripts/derive-postgres-schema.js";
import { projectRoot } from "../helpers/paths.js";

const changedLines = (before: string, after: string) => {
  const old = new Set(before.split("\n"));
  return after.split("\n").filter((line) => !old.has(line));
};

describe("the PostgreSQL schema derived from the SQLite one", () => {
  it("differs only in the provider, the client's folder and a do-not-edit header", () => {
    const source = readFileSync(SOURCE, "utf8");
    const changed = changedLines(source, derivePostgresSchema(source));
    expect(changed).toEqual([
      expect.stringMatching(/^\/\/ GENERATED from prisma\/schema\.prisma/),
      expect.stringMatching(/^\/\/ Change prisma\/schema\.prisma instead/),
      '  output              = "../../app/generated/prisma-postgres"',
      '  provider = "postgresql"',
    ]);
  });

  it("refuses a source schema it cannot recognise rather than writing a wrong copy", () => {
    expect(() => derivePostgresSchema('datasource db {\n  provider = "mysql"\n}\n')).toThrow(/provider = "sqlite"/);
  });
});

describe("the two migration histories", () => {
  const folders = (dir: string) => readdirSync(join(projectRoot, dir), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

  it("mirror each other: the same migrations, by name, in the same order", () => {
    const sqlite = folders("prisma/migrations");
    expect(sqlite.slice(0, 2)).toEqual([expect.stringMatching(/^\d{14}_user_table$/), expect.stringMatching(/^\d{14}_post_table$/)]);
    expect(folders("prisma/postgres/migrations")).toEqual(sqlite);
  });

  it("each hold a migration.sql per folder and a lock naming their provider", () => {
    for (const [dir, provider] of [["prisma/migrations", "sqlite"], ["prisma/postgres/migrations", "postgresql"]] as const) {
      for (const folder of folders(dir)) expect(existsSync(join(projectRoot, dir, folder, "migration.sql"))).toBe(true);
      expect(readFileSync(join(projectRoot, dir, "migration_lock.toml"), "utf8")).toContain(`provider = "${provider}"`);
    }
  });
});
