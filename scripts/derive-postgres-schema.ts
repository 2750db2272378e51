// The PostgreSQL schema is derived from prisma/schema.prisma (the one people edit), so the two
// providers share one data model. Only the provider and the client's output folder differ.
// Usage: tsx scripts/derive-postgres-schema.ts          writes prisma/postgres/schema.prisma
//        tsx scripts/derive-postgres-schema.ts --check  exits 1 when the committed copy has drifted
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

const root = join(import.meta.dirname, "..");
export const SOURCE = join(root, "prisma", "schema.prisma");
export const DERIVED = join(root, "prisma", "postgres", "schema.prisma");

const HEADER = [
  "// GENERATED from prisma/schema.prisma by `npm run schema:postgres`: do not edit by hand.",
  "// Change prisma/schema.prisma instead; `npm test` fails while this copy is out of date.",
  "",
].join("\n");

/** Replaces exactly one match of `pattern` in `text`, or says which part of the schema is missing. */
function replaceOnce(text: string, pattern: RegExp, replacement: string, what: string): string {
  const matches = text.match(new RegExp(pattern.source, `${pattern.flags.replace("g", "")}g`)) ?? [];
  if (matches.length !== 1) throw new Error(`prisma/schema.prisma must have exactly one ${what} (found ${matches.length}).`);
  return text.replace(pattern, replacement);
}

export function derivePostgresSchema(sqliteSchema: string): string {
  let schema = replaceOnce(sqliteSchema, /(datasource db \{[^}]*provider\s*=\s*)"sqlite"/, '$1"postgresql"', 'datasource with provider = "sqlite"');
  schema = replaceOnce(schema, /(output\s*=\s*)"\.\.\/app\/generated\/prisma"/, '$1"../../app/generated/prisma-postgres"', 'generator output = "../app/generated/prisma"');
  return HEADER + schema;
}

/** Writes the derived schema, or with `check` only compares it with the committed copy. */
function main(check: boolean): void {
  const expected = derivePostgresSchema(readFileSync(SOURCE, "utf8"));
  if (!check) {
    mkdirSync(dirname(DERIVED), { recursive: true });
    writeFileSync(DERIVED, expected);
    console.log("Wrote prisma/postgres/schema.prisma");
    return;
  }
  let committed = "";
  try {
    committed = readFileSync(DERIVED, "utf8");
  } catch {
    // A missing copy is drift too.
  }
  if (committed !== expected) {
    console.error("prisma/postgres/schema.prisma is out of date with prisma/schema.prisma: run `npm run migrate -- --name what_changed` (or `npm run schema:postgres`); see docs/developing.md, The Prisma workflow.");
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main(process.argv.includes("--check"));
