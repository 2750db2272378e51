import "dotenv/config";
import { defineConfig } from "prisma/config";

// Same default as app/config.ts: an embedded SQLite file under the gitignored data/ folder.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
    seed: "tsx prisma/seed.ts",
  },
  datasource: {
    url: process.env.DATABASE_URL || "file:./data/jot.db",
  },
});
