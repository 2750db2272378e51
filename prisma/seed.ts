import "dotenv/config";
import { exitOnKnownTrouble } from "../app/command-line.js";
import { composeServices } from "../app/compose.js";
import { loadConfig } from "../app/config.js";
import { LocalNews } from "../app/database/news.js";
import { openDatabase } from "../app/database/open.js";
import type { Writer } from "../app/domain/user.js";
import { createMailer } from "../app/mail/mailer.js";

// Demo accounts go through the same services as the register form, so they obey every rule.
const PASSWORD = "password123";
const DEMO: Record<string, string[]> = {
  susan: ["Beautiful day in Portland!", "Reading about keyset pagination: https://use-the-index-luke.com/no-offset Clever stuff.", "Coffee first. Then code."],
  john: ["The Avengers movie was so cool!", "Anyone else writing Eta templates today? #typescript #webdev"],
  miguel: ["Hello, Jot! 👋", "Flask taught me this app; now it runs on Fastify.", "Short posts, long thoughts.", "Thanks @susan and @john for trying Jot out! #jot"],
};
/** Conversations under demo posts: each reply answers the one before it, the first the post. */
const CONVERSATIONS: { post: string; replies: [string, string][] }[] = [
  {
    post: "Reading about keyset pagination: https://use-the-index-luke.com/no-offset Clever stuff.",
    replies: [
      ["miguel", "Same here: no OFFSET anywhere in Jot, and a deep page costs what the first one does."],
      ["susan", "Even with a million posts?"],
      ["miguel", "Even then. The bench checks it on every run."],
    ],
  },
  { post: "The Avengers movie was so cool!", replies: [["susan", "Which one? There are quite a few now 🙂"]] },
];
/** Who likes which demo post. */
const LIKES: [string, string][] = [
  ["susan", "The Avengers movie was so cool!"],
  ["miguel", "Reading about keyset pagination: https://use-the-index-luke.com/no-offset Clever stuff."],
  ["john", "Reading about keyset pagination: https://use-the-index-luke.com/no-offset Clever stuff."],
  ["susan", "Short posts, long thoughts."],
];
/** Who reposts which demo post: it then stands in their followers' feeds at the repost's time. */
const REPOSTS: [string, string][] = [
  ["john", "Reading about keyset pagination: https://use-the-index-luke.com/no-offset Clever stuff."],
  ["susan", "Flask taught me this app; now it runs on Fastify."],
];
/** A demo conversation, in order: who writes to whom. */
const MESSAGES: [string, string, string][] = [
  ["john", "susan", "Lunch at noon? The new place on Burnside."],
  ["susan", "john", "Yes! Meet you there."],
  ["john", "susan", "Great, see you then 🙂"],
  ["miguel", "susan", "Thanks for the keyset link, it changed how I page things."],
];
/** Who follows whom, so that a demo user's home feed has other people in it. */
const FOLLOWS: Record<string, string[]> = { susan: ["john", "miguel"], john: ["susan"], miguel: ["susan", "john"] };

async function seed(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase(config.database);
  // Accounts and posts are no one's news: nothing here needs to reach other processes.
  const { users, accounts, posts, reactions, follows, messages } = composeServices(db, new LocalNews(), createMailer(config.mail, console), config);
  try {
    // The posts made by this run, by their text: the conversations go under them (a second run adds none).
    const made = new Map<string, number>();
    const writers = new Map<string, Writer>();
    for (const [username, bodies] of Object.entries(DEMO)) {
      if (await users.findByUsername(username)) {
        console.log(`- ${username} exists, skipped`);
        continue;
      }
      const user = await accounts.register({ username, email: `${username}@example.com`, password: PASSWORD, password2: PASSWORD });
      // Demo addresses receive no mail: they count as confirmed, so the demo users can post.
      await users.confirmEmail(user.id);
      const writer = { ...user, emailVerified: true };
      writers.set(username, writer);
      for (const body of bodies) made.set(body, (await posts.publish(writer, body)).id);
      console.log(`+ ${username} with ${bodies.length} posts`);
    }
    for (const { post, replies } of CONVERSATIONS) {
      let answering = made.get(post);
      if (answering === undefined) continue;
      for (const [username, body] of replies) {
        const writer = writers.get(username);
        if (!writer) break;
        answering = (await posts.reply(writer, answering, body)).id;
      }
    }
    for (const [reaction, list] of [["like", LIKES], ["repost", REPOSTS]] as const) {
      for (const [username, body] of list) {
        const writer = writers.get(username);
        const post = made.get(body);
        if (writer && post !== undefined) await reactions.set(reaction, writer, post, true);
      }
    }
    for (const [from, to, body] of MESSAGES) {
      const writer = writers.get(from);
      if (writer && writers.has(to)) await messages.send(writer, await messages.recipient(writer.id, to), body);
    }
    // Following again is harmless, so a second seed leaves the follows as they are.
    for (const [username, followed] of Object.entries(FOLLOWS)) {
      const follower = await users.findByUsername(username);
      if (follower) for (const name of followed) await follows.follow(follower.id, name);
    }
    console.log(`Done. Sign in as any of ${Object.keys(DEMO).join(", ")} with password "${PASSWORD}".`);
  } finally {
    await db.$disconnect();
  }
}

await seed().catch(exitOnKnownTrouble);
