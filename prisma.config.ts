import "dotenv/config";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { defineConfig } from "prisma/config";
import { absoluteDatabaseUrl, DEFAULT_DATABASE_URL, providerOf } from "./app/database-url.js";

// DATABASE_URL picks the provider: a file: URL is SQLite (prisma/), postgres:// is PostgreSQL
// (prisma/postgres/, derived from the SQLite schema). Relative SQLite paths start at this folder,
// as the app takes them, and are made absolute because some commands (studio) refuse them.
const url = absoluteDatabaseUrl(process.env.DATABASE_URL || DEFAULT_DATABASE_URL, import.meta.dirname);
const provider = providerOf(url);
if (!provider) throw new Error("DATABASE_URL must be a file: URL (SQLite) or a postgresql:// URL (PostgreSQL).");
const folder = provider === "postgresql" ? "prisma/postgres" : "prisma";
// SQLite creates a missing file but not a missing folder, and a fresh clone has no data/.
if (provider === "sqlite") mkdirSync(dirname(url.slice("file:".length)), { recursive: true });

export default defineConfig({
  schema: `${folder}/schema.prisma`,
  migrations: {
    path: `${folder}/migrations`,
    seed: "tsx prisma/seed.ts",
  },
  datasource: { url, shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL || undefined },
});
