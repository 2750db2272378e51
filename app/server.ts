import "dotenv/config";
import type { FastifyInstance } from "fastify";
import { buildApp } from "./app.js";
import { exitOnKnownTrouble } from "./command-line.js";
import { loadConfig, type Config } from "./config.js";
import { redactedDatabaseUrl } from "./database-url.js";
import { markServing } from "./database/serving-marker.js";

async function start(): Promise<{ config: Config; app: FastifyInstance }> {
  try {
    const config = loadConfig();
    return { config, app: await buildApp(config) };
  } catch (error) {
    return exitOnKnownTrouble(error);
  }
}

const { config, app } = await start();

// app.close() stops accepting connections, lets in-flight requests finish, then disconnects Prisma.
let closing = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down");
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  });
}

app.log.info({ database: redactedDatabaseUrl(config.database.url) }, `using ${config.database.provider}`);
await app.listen({ host: config.host, port: config.port });
// A command that must migrate the file can now say that this process serves it (npm run seed, shell, migrate).
if (config.database.provider === "sqlite") process.on("exit", markServing(config.database.url.slice("file:".length)));
