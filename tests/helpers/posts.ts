import type { Config } from "../../app/config.js";
import { openTestDatabase } from "./database.js";

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

  return { db, addPosts };
}
