import "dotenv/config";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { defineConfig } from "prisma/config";
import { loadDatabaseConfig } from "./app/config.js";

// DATABASE_URL picks the provider by the same rules as the app: a file: URL is SQLite (prisma/),
// a postgresql:// URL PostgreSQL (prisma/postgres/, derived from the SQLite schema). Relative
// SQLite paths start at the project folder and are made absolute.
const { provider, url } = loadDatabaseConfig();
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
