import "dotenv/config";
import repl from "node:repl";
import { loadConfig } from "./config.js";
import { composeServices } from "./compose.js";
import { redactedDatabaseUrl } from "./database-url.js";
import { openDatabase } from "./database/open.js";

// `npm run shell`: like `flask shell`, a REPL with the app's pieces ready to use.
const config = loadConfig();
const prisma = await openDatabase(config.database);
const context = { config, prisma, ...composeServices(prisma, config.argon2) };

console.log(`Jot shell on ${redactedDatabaseUrl(config.database.url)}. In scope: ${Object.keys(context).join(", ")}.`);
console.log("Try: await prisma.user.count()");
const server = repl.start({ prompt: "jot> " });
Object.assign(server.context, context);
server.on("exit", () => {
  void prisma.$disconnect().then(() => process.exit(0));
});
