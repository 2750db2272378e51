// npm run studio: Prisma Studio on the database DATABASE_URL names, at http://localhost:5555
// (another port with `npm run studio -- --port 5556`). Studio refuses the relative `file:./…` form
// and the `file:/…` one, so a SQLite file is handed over as a `file:///absolute/path` URL.
import "dotenv/config";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { ConfigError, loadDatabaseConfig } from "../app/config.js";

export const STUDIO_PORT = 5555;

function studioUrl(): string {
  try {
    const { provider, url } = loadDatabaseConfig();
    return provider === "sqlite" ? `file://${url.slice("file:".length)}` : url;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`jot: ${error.message}`);
    process.exit(1);
  }
}

const extra = process.argv.slice(2);
const port = extra.some((arg) => arg === "--port" || arg === "-p" || arg.startsWith("--port=")) ? [] : ["--port", String(STUDIO_PORT)];
const prisma = join(import.meta.dirname, "..", "node_modules", ".bin", "prisma");
const studio = spawn(prisma, ["studio", "--browser", "none", ...port, "--url", studioUrl(), ...extra], { stdio: "inherit" });
// Stopping this script (npm passes SIGTERM on) stops Studio too.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => studio.kill(signal));
studio.on("exit", (code) => process.exit(code ?? 0));
