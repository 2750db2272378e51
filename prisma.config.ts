import "dotenv/config";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { defineConfig } from "prisma/config";

// Same default as app/config.ts: an embedded SQLite file under the gitignored data/ folder.
const url = process.env.DATABASE_URL || "file:./data/jot.db";
// SQLite creates a missing file but not a missing folder, and a fresh clone has no data/.
if (url.startsWith("file:")) mkdirSync(dirname(url.slice("file:".length)), { recursive: true });

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
    seed: "tsx prisma/seed.ts",
  },
  datasource: { url },
});
