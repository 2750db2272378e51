import "dotenv/config";
import repl from "node:repl";
import { exitOnKnownTrouble } from "./command-line.js";
import { composeServices } from "./compose.js";
import { loadConfig } from "./config.js";
import { redactedDatabaseUrl } from "./database-url.js";
import { openDatabase } from "./database/open.js";

// `npm run shell`: like `flask shell`, a REPL with the app's pieces ready to use.
async function open() {
  const config = loadConfig();
  const prisma = await openDatabase(config.database);
  return { config, prisma, ...composeServices(prisma, config.argon2) };
}

const context = await open().catch(exitOnKnownTrouble);
console.log(`Jot shell on ${redactedDatabaseUrl(context.config.database.url)}. In scope: ${Object.keys(context).join(", ")}.`);
console.log("Try: await prisma.user.count()");
const server = repl.start({ prompt: "jot> " });
Object.assign(server.context, context);
server.on("exit", () => {
  void context.prisma.$disconnect().then(() => process.exit(0));
});
