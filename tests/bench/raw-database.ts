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
}

/** The counts a profile shows: posts, followers, following, and whether the viewer follows. */
export type RawStanding = Record<"posts" | "followers" | "following" | "followedByViewer", number | bigint | boolean>;

export interface RawDatabase {
  /** 26 posts with their authors' names, newest first, older than `older`, by `authorId` if given. */
  page(older?: Cursor, authorId?: number): Promise<RawRow[]>;
  userByKey(usernameKey: string): Promise<RawUser | undefined>;
  standing(userId: number, viewerId: number): Promise<RawStanding>;
  addPost(authorId: number, body: string): Promise<void>;
}

const SELECT = 'SELECT p."id", p."body", p."createdAt", p."authorId", u."username" FROM "Post" p JOIN "User" u ON u."id" = p."authorId"';
const NEWEST_FIRST = 'ORDER BY p."createdAt" DESC, p."id" DESC LIMIT 26';
const OLDER = (at: string, id: string) => `p."createdAt" <= ${at} AND (p."createdAt" < ${at} OR p."id" < ${id})`;
const USER = 'SELECT "id", "username", "aboutMe", "createdAt" FROM "User" WHERE "usernameKey" = ';
const INSERT = 'INSERT INTO "Post" ("body", "authorId", "createdAt") VALUES ';
const STANDING = (user: string, viewer: string) =>
  `SELECT (SELECT COUNT(*) FROM "Post" WHERE "authorId" = ${user}) AS "posts",
          (SELECT COUNT(*) FROM "Follow" WHERE "followedId" = ${user}) AS "followers",
          (SELECT COUNT(*) FROM "Follow" WHERE "followerId" = ${user}) AS "following",
          EXISTS (SELECT 1 FROM "Follow" WHERE "followerId" = ${viewer} AND "followedId" = ${user}) AS "followedByViewer"`;

function sqliteDatabase(file: string): RawDatabase {
  const db = new Database(file);
  type Row<T> = Omit<T, "createdAt"> & { createdAt: string };
  const statements = {
    first: db.prepare<[], Row<RawRow>>(`${SELECT} ${NEWEST_FIRST}`),
    older: db.prepare<[{ at: string; id: number }], Row<RawRow>>(`${SELECT} WHERE ${OLDER("@at", "@id")} ${NEWEST_FIRST}`),
    firstBy: db.prepare<[number], Row<RawRow>>(`${SELECT} WHERE p."authorId" = ? ${NEWEST_FIRST}`),
    olderBy: db.prepare<[{ author: number; at: string; id: number }], Row<RawRow>>(
      `${SELECT} WHERE p."authorId" = @author AND ${OLDER("@at", "@id")} ${NEWEST_FIRST}`,
    ),
    user: db.prepare<[string], Row<RawUser>>(`${USER}?`),
    standing: db.prepare<[{ user: number; viewer: number }], RawStanding>(STANDING("@user", "@viewer")),
    insert: db.prepare<[string, number, string]>(`${INSERT}(?, ?, ?)`),
  };
  // Stored the way Prisma's SQLite adapter writes DateTime, so comparisons match.
  const stored = (date: Date) => date.toISOString().replace("Z", "+00:00");
  const dated = <T>(row: Row<T>) => ({ ...row, createdAt: new Date(row.createdAt) }) as T;
  return {
    async page(older, authorId) {
      const rows =
        authorId === undefined
          ? older ? statements.older.all({ at: stored(older.createdAt), id: older.id }) : statements.first.all()
          : older
            ? statements.olderBy.all({ author: authorId, at: stored(older.createdAt), id: older.id })
            : statements.firstBy.all(authorId);
      return rows.map(dated<RawRow>);
    },
    async userByKey(key) {
      const row = statements.user.get(key);
      return row && dated<RawUser>(row);
    },
    async standing(user, viewer) {
      return statements.standing.get({ user, viewer })!;
    },
    async addPost(authorId, body) {
      statements.insert.run(body, authorId, stored(new Date()));
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
      const by = authorId === undefined ? [] : [`p."authorId" = $${older ? 3 : 1}`];
      const conditions = [...(older ? [OLDER("$1", "$2")] : []), ...by];
      const where = conditions.length ? `WHERE ${conditions.join(" AND ")}` : "";
      const values = [...(older ? [stored(older.createdAt), older.id] : []), ...(authorId === undefined ? [] : [authorId])];
      return query<RawRow>(`${SELECT} ${where} ${NEWEST_FIRST}`, values);
    },
    async userByKey(key) {
      return (await query<RawUser>(`${USER}$1`, [key]))[0];
    },
    async standing(user, viewer) {
      return (await query<RawStanding>(STANDING("$1", "$2"), [user, viewer]))[0]!;
    },
    async addPost(authorId, body) {
      await query(`${INSERT}($1, $2, $3)`, [body, authorId, stored(new Date())]);
    },
  };
}

export function rawDatabase(databaseUrl: string): RawDatabase {
  return providerOf(databaseUrl) === "sqlite" ? sqliteDatabase(databaseUrl.slice("file:".length)) : postgresDatabase(databaseUrl);
}
