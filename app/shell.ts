import "dotenv/config";
import repl from "node:repl";
import { exitOnKnownTrouble } from "./command-line.js";
import { composeServices } from "./compose.js";
import { loadConfig } from "./config.js";
import { redactedDatabaseUrl } from "./database-url.js";
import { openDatabase, openNews } from "./database/open.js";
import { createMailer } from "./mail/mailer.js";

// `npm run shell`: like `flask shell`, a REPL with the app's pieces ready to use.
async function open() {
  const config = loadConfig();
  const prisma = await openDatabase(config.database);
  // A message sent from here reaches the open tabs of a PostgreSQL deployment.
  const news = await openNews(config.database, prisma, console);
  return { config, prisma, news, ...composeServices(prisma, news, createMailer(config.mail, console), config) };
}

const context = await open().catch(exitOnKnownTrouble);
console.log(`Jot shell on ${redactedDatabaseUrl(context.config.database.url)}. In scope: ${Object.keys(context).join(", ")}.`);
console.log("Try: await prisma.user.count()");
const server = repl.start({ prompt: "jot> " });
Object.assign(server.context, context);
server.on("exit", () => {
  void Promise.all([context.prisma.$disconnect(), context.news.close()]).then(() => process.exit(0));
});
