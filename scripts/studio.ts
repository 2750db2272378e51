// npm run studio: Prisma Studio on the database DATABASE_URL names, at http://localhost:5555
// (another port with `npm run studio -- --port 5556`). Studio refuses the relative `file:./…` form
// and the `file:/…` one, so a SQLite file is handed over as a `file:///absolute/path` URL; a
// PostgreSQL URL it reads from prisma.config.ts, never from the command line, where anyone on the
// machine could read its password.
import "dotenv/config";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { exitOnKnownTrouble } from "../app/command-line.js";
import { loadDatabaseConfig } from "../app/config.js";

const STUDIO_PORT = 5555;

function urlArguments(): string[] {
  try {
    const { provider, url } = loadDatabaseConfig();
    return provider === "sqlite" ? ["--url", `file://${url.slice("file:".length)}`] : [];
  } catch (error) {
    return exitOnKnownTrouble(error);
  }
}

const extra = process.argv.slice(2);
const port = extra.some((arg) => arg === "--port" || arg === "-p" || arg.startsWith("--port=")) ? [] : ["--port", String(STUDIO_PORT)];
const prisma = join(import.meta.dirname, "..", "node_modules", ".bin", "prisma");
const studio = spawn(prisma, ["studio", "--browser", "none", ...port, ...urlArguments(), ...extra], { stdio: "inherit" });
// Stopping this script (npm passes SIGTERM on) stops Studio too.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => studio.kill(signal));
studio.on("exit", (code) => process.exit(code ?? 0));
