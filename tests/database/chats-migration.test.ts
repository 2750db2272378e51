import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { testProvider } from "../helpers/database.js";
import { projectRoot } from "../helpers/paths.js";
import { createPostgresDatabase } from "../helpers/postgres-setup.js";

// The migration that brought conversations fills them from the messages already there: run on a
// database with messages, as a deploy runs it.
const history = join(projectRoot, testProvider === "postgresql" ? "prisma/postgres" : "prisma", "migrations");
const folders = readdirSync(history).filter((name) => /^\d+_/.test(name)).sort();
const chats = folders.findIndex((name) => name.endsWith("_chats"));
const sqlOf = (folder: string) => readFileSync(join(history, folder, "migration.sql"), "utf8");

/** Runs SQL on an empty database of the provider under test; `query` reads rows. */
async function emptyDatabase(): Promise<{ run: (sql: string) => Promise<void>; query: <T>(sql: string) => Promise<T[]>; close: () => Promise<void> }> {
  if (testProvider === "postgresql") {
    const client = new pg.Client({ connectionString: await createPostgresDatabase("empty") });
    await client.connect();
    return {
      run: async (sql) => void (await client.query(sql)),
      query: async <T>(sql: string) => (await client.query(sql)).rows as T[],
      close: () => client.end(),
    };
  }
  const db = new Sqlite(":memory:");
  return {
    run: async (sql) => void db.exec(sql),
    query: async <T>(sql: string) => db.prepare(sql).all() as T[],
    close: async () => void db.close(),
  };
}

const database = await emptyDatabase();
afterAll(() => database.close());

describe("the chats migration", () => {
  it("makes each person's conversations from the messages there, unread counted past what they had read", async () => {
    expect(chats).toBeGreaterThan(0);
    for (const folder of folders.slice(0, chats)) await database.run(sqlOf(folder));
    const at = (minute: number) => `'2026-12-01 10:${String(minute).padStart(2, "0")}:00'`;
    await database.run(`INSERT INTO "User" ("id", "username", "usernameKey", "email", "passwordHash", "lastReadMessageId") VALUES
      (1, 'ann', 'ann', 'ann@example.com', 'x', 2), (2, 'bob', 'bob', 'bob@example.com', 'x', 0), (3, 'cal', 'cal', 'cal@example.com', 'x', 0)`);
    // ann and bob: 1 and 3 to ann (she had read up to 2), 2 to bob; cal wrote to ann once (4).
    await database.run(`INSERT INTO "Message" ("id", "senderId", "recipientId", "body", "createdAt") VALUES
      (1, 2, 1, 'hi ann', ${at(1)}), (2, 1, 2, 'hi bob', ${at(2)}), (3, 2, 1, 'how are you?', ${at(3)}), (4, 3, 1, 'hello from cal', ${at(4)})`);

    await database.run(sqlOf(folders[chats]!));

    const rows = await database.query<{ ownerId: number; otherId: number; lastMessageId: number; unread: number }>(
      `SELECT "ownerId", "otherId", "lastMessageId", "unread" FROM "Chat" ORDER BY "ownerId", "otherId"`,
    );
    expect(rows.map((row) => [row.ownerId, row.otherId, row.lastMessageId, Number(row.unread)])).toEqual([
      [1, 2, 3, 1],
      [1, 3, 4, 1],
      [2, 1, 3, 1],
      [3, 1, 4, 0],
    ]);
    const [user] = await database.query<Record<string, unknown>>(`SELECT * FROM "User" WHERE "id" = 1`);
    expect(Object.keys(user!)).not.toContain("lastReadMessageId");
  });
});
