import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { afterAll } from "vitest";
import type { Config } from "../../app/config.js";
import { PrismaClient } from "../../app/generated/prisma/client.js";

/** A second connection to the app's own database, for setting up many rows quickly. */
export function sideDoor(config: Config) {
  const db = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: config.databaseUrl }) });
  afterAll(() => db.$disconnect());

  /** Adds `count` posts by `username`, one minute apart, the newest `count` minutes before `end`. */
  async function addPosts(username: string, count: number, end = Date.now()) {
    const author = await db.user.findUniqueOrThrow({ where: { usernameKey: username.toLowerCase() } });
    await db.post.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        authorId: author.id,
        body: `${username} post ${i + 1}`,
        createdAt: new Date(end - (count - i) * 60_000),
      })),
    });
  }

  return { db, addPosts };
}
