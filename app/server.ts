import "dotenv/config";
import { buildApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { redactedDatabaseUrl } from "./database-url.js";

function loadConfigOrExit() {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`jot: ${error.message}`);
    process.exit(1);
  }
}

const config = loadConfigOrExit();
const app = await buildApp(config);

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
