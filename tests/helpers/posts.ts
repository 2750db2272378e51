import type { Config } from "../../app/config.js";
import { openTestDatabase } from "./database.js";
import type { Visitor } from "./visitor.js";

/** A second connection to the app's own database, for setting up many rows quickly. */
export async function sideDoor(config: Config) {
  const db = await openTestDatabase(config.database.url);

  /** Adds `count` posts by `username`, one minute apart, the newest `count` minutes before `end`. */
  async function addPosts(username: string, count: number, end = Date.now()) {
    const author = await db.user.findUniqueOrThrow({ where: { usernameKey: username.toLowerCase() } });
    await db.$transaction([
      db.post.createMany({
        data: Array.from({ length: count }, (_, i) => ({
          authorId: author.id,
          body: `${username} post ${i + 1}`,
          createdAt: new Date(end - (count - i) * 60_000),
        })),
      }),
      // Kept as Jot keeps it (PostRepository.add), so profiles count these posts too.
      db.user.update({ where: { id: author.id }, data: { postCount: { increment: count } } }),
    ]);
  }

  /** Posts `body` through the home page's form as `who`, as a person would; the new post's row. */
  async function publish(who: Visitor, body: string) {
    const answer = await who.submit("/", "/posts", { body });
    if (answer.statusCode !== 303) throw new Error(`posting answered ${answer.statusCode}`);
    return db.post.findFirstOrThrow({ where: { body }, orderBy: { id: "desc" } });
  }

  return { db, addPosts, publish };
}
