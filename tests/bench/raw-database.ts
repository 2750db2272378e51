// The raw twins' data access: the same SQL Jot's repositories run, straight through the database
// driver (better-sqlite3 for a file: URL, pg for a postgresql:// one), with no layers in between.
import Database from "better-sqlite3";
import pg from "pg";
import { providerOf } from "../../app/database-url.js";
import type { Cursor } from "../../app/domain/page.js";

export interface RawRow {
  id: number;
  body: string;
  createdAt: Date;
  authorId: number;
  username: string;
}

export interface RawUser {
  id: number;
  username: string;
  aboutMe: string;
  createdAt: Date;
  lastSeen: Date | null;
}

/** The counts a profile shows: posts, followers, following, and whether the viewer follows. */
export type RawStanding = Record<"posts" | "followers" | "following" | "followedByViewer", number | bigint | boolean>;

export interface RawDatabase {
  /** 26 posts with their authors' names, newest first, older than `older`, by `authorId` if given. */
  page(older?: Cursor, authorId?: number): Promise<RawRow[]>;
  /** The followed feed as Jot reads it for a user following fewer than 200: whom they follow, then each author's newest posts merged. */
  feed(userId: number, older?: Cursor): Promise<RawRow[]>;
  userByKey(usernameKey: string): Promise<RawUser | undefined>;
  standing(userId: number, viewerId: number): Promise<RawStanding>;
  addPost(authorId: number, body: string): Promise<void>;
}

const SELECT = 'SELECT p."id", p."body", p."createdAt", p."authorId", u."username" FROM "Post" p JOIN "User" u ON u."id" = p."authorId"';
const NEWEST_FIRST = 'ORDER BY p."createdAt" DESC, p."id" DESC LIMIT 26';
const OLDER = (at: string, id: string) => `p."createdAt" <= ${at} AND (p."createdAt" < ${at} OR p."id" < ${id})`;
/** WHERE conditions: by one author, and past a cursor, each given by its parameters' names. */
const conditions = (author?: string, older?: { at: string; id: string }) => [
  ...(author ? [`p."authorId" = ${author}`] : []),
  ...(older ? [OLDER(older.at, older.id)] : []),
];
const FOLLOWED = 'SELECT "followedId" FROM "Follow" WHERE "followerId" = ';
/** Each author's newest 26 posts (past the cursor), merged; `author(i)` and `older` name the parameters. */
function feedSql(authors: number, author: (i: number) => string, older?: { at: string; id: string }): string {
  const selects = Array.from(
    { length: authors },
    (_, i) => `SELECT * FROM (SELECT p."createdAt", p."id" FROM "Post" p WHERE ${conditions(author(i), older).join(" AND ")} ${NEWEST_FIRST}) AS a${i}`,
  );
  const merged = `${selects.join(" UNION ALL ")} ORDER BY "createdAt" DESC, "id" DESC LIMIT 26`;
  return `${SELECT} JOIN (${merged}) m ON m."id" = p."id" ${NEWEST_FIRST}`;
}
const USER = 'SELECT "id", "username", "aboutMe", "createdAt", "lastSeen" FROM "User" WHERE "usernameKey" = ';
const INSERT = 'INSERT INTO "Post" ("body", "authorId", "createdAt") VALUES ';
const COUNT_POST = 'UPDATE "User" SET "postCount" = "postCount" + 1 WHERE "id" = ';
const STANDING = (user: string, viewer: string) =>
  `SELECT (SELECT "postCount" FROM "User" WHERE "id" = ${user}) AS "posts",
          (SELECT COUNT(*) FROM "Follow" WHERE "followedId" = ${user}) AS "followers",
          (SELECT COUNT(*) FROM "Follow" WHERE "followerId" = ${user}) AS "following",
          EXISTS (SELECT 1 FROM "Follow" WHERE "followerId" = ${viewer} AND "followedId" = ${user}) AS "followedByViewer"`;

/** The page statement, by one author or not and past a cursor or not, with the parameter names given. */
function pageSql(author?: string, older?: { at: string; id: string }): string {
  const where = conditions(author, older);
  return `${SELECT} ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ${NEWEST_FIRST}`;
}

function sqliteDatabase(file: string): RawDatabase {
  const db = new Database(file);
  type Row<T> = Omit<T, "createdAt"> & { createdAt: string };
  const pages = new Map<string, Database.Statement<[Record<string, unknown>], Row<RawRow>>>();
  const pageStatement = (older: boolean, byAuthor: boolean) => {
    const key = `${older}:${byAuthor}`;
    if (!pages.has(key)) pages.set(key, db.prepare(pageSql(byAuthor ? "@author" : undefined, older ? { at: "@at", id: "@id" } : undefined)));
    return pages.get(key)!;
  };
  const feeds = new Map<string, Database.Statement<[Record<string, unknown>], Row<RawRow>>>();
  const statements = {
    followed: db.prepare<[number], { followedId: number }>(`${FOLLOWED}?`),
    user: db.prepare<[string], Row<Omit<RawUser, "lastSeen">> & { lastSeen: string | null }>(`${USER}?`),
    standing: db.prepare<[{ user: number; viewer: number }], RawStanding>(STANDING("@user", "@viewer")),
    insert: db.prepare<[string, number, string]>(`${INSERT}(?, ?, ?)`),
    count: db.prepare<[number]>(`${COUNT_POST}?`),
  };
  const addAndCount = db.transaction((body: string, authorId: number, at: string) => {
    statements.insert.run(body, authorId, at);
    statements.count.run(authorId);
  });
  // Stored the way Prisma's SQLite adapter writes DateTime, so comparisons match.
  const stored = (date: Date) => date.toISOString().replace("Z", "+00:00");
  const dated = <T>(row: Row<T>) => ({ ...row, createdAt: new Date(row.createdAt) }) as T;
  return {
    async page(older, authorId) {
      const params = {
        ...(authorId === undefined ? {} : { author: authorId }),
        ...(older ? { at: stored(older.createdAt), id: older.id } : {}),
      };
      return pageStatement(Boolean(older), authorId !== undefined).all(params).map(dated<RawRow>);
    },
    async feed(userId, older) {
      const authors = [userId, ...statements.followed.all(userId).map((f) => f.followedId)];
      const sql = feedSql(authors.length, (i) => `@a${i}`, older ? { at: "@at", id: "@id" } : undefined);
      if (!feeds.has(sql)) feeds.set(sql, db.prepare(sql));
      const params = {
        ...Object.fromEntries(authors.map((author, i) => [`a${i}`, author])),
        ...(older ? { at: stored(older.createdAt), id: older.id } : {}),
      };
      return feeds.get(sql)!.all(params).map(dated<RawRow>);
    },
    async userByKey(key) {
      const row = statements.user.get(key);
      return row && { ...dated<Omit<RawUser, "lastSeen">>(row), lastSeen: row.lastSeen === null ? null : new Date(row.lastSeen) };
    },
    async standing(user, viewer) {
      return statements.standing.get({ user, viewer })!;
    },
    async addPost(authorId, body) {
      // As Jot does: the post and its author's count in one transaction.
      addAndCount(body, authorId, stored(new Date()));
    },
  };
}

function postgresDatabase(url: string): RawDatabase {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Prisma keeps DateTime as UTC in `timestamp` columns; read and write them as UTC, whatever the local zone.
  const utc = (oid: number) => (oid === 1114 ? (text: string) => new Date(`${text.replace(" ", "T")}Z`) : pg.types.getTypeParser(oid));
  // Prepared once per connection, as Jot's are.
  const names = new Map<string, string>();
  const nameOf = (text: string) => names.get(text) ?? names.set(text, `raw_${names.size + 1}`).get(text)!;
  const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[]) =>
    (await pool.query<T>({ name: nameOf(text), text, values, types: { getTypeParser: utc as never } })).rows;
  const stored = (date: Date) => date.toISOString().replace("Z", "");
  return {
    page(older, authorId) {
      const values = [...(authorId === undefined ? [] : [authorId]), ...(older ? [stored(older.createdAt), older.id] : [])];
      const at = authorId === undefined ? 1 : 2;
      const sql = pageSql(authorId === undefined ? undefined : "$1", older ? { at: `$${at}`, id: `$${at + 1}` } : undefined);
      return query<RawRow>(sql, values);
    },
    async feed(userId, older) {
      const followed = await query<{ followedId: number }>(`${FOLLOWED}$1`, [userId]);
      const authors = [userId, ...followed.map((f) => f.followedId)];
      const at = authors.length + 1;
      const sql = feedSql(authors.length, (i) => `$${i + 1}`, older ? { at: `$${at}`, id: `$${at + 1}` } : undefined);
      return query<RawRow>(sql, [...authors, ...(older ? [stored(older.createdAt), older.id] : [])]);
    },
    async userByKey(key) {
      return (await query<RawUser>(`${USER}$1`, [key]))[0];
    },
    async standing(user, viewer) {
      return (await query<RawStanding>(STANDING("$1", "$2"), [user, viewer]))[0]!;
    },
    async addPost(authorId, body) {
      // As Jot does: the post and its author's count in one transaction.
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        await client.query({ name: "raw_insert", text: `${INSERT}($1, $2, $3)`, values: [body, authorId, stored(new Date())] });
        await client.query({ name: "raw_count", text: `${COUNT_POST}$1`, values: [authorId] });
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

export function rawDatabase(databaseUrl: string): RawDatabase {
  return providerOf(databaseUrl) === "sqlite" ? sqliteDatabase(databaseUrl.slice("file:".length)) : postgresDatabase(databaseUrl);
}
