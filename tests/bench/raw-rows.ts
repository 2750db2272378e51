// The raw baseline's one query (a page of posts with their authors' names), straight through the
// database driver: better-sqlite3 for a file: URL, pg for a postgresql:// one.
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

export type PageQuery = (older?: Cursor) => Promise<RawRow[]>;

const SELECT = 'SELECT p."id", p."body", p."createdAt", p."authorId", u."username" FROM "Post" p JOIN "User" u ON u."id" = p."authorId"';
const NEWEST_FIRST = 'ORDER BY p."createdAt" DESC, p."id" DESC LIMIT 26';

function sqliteQuery(file: string): PageQuery {
  const db = new Database(file, { readonly: true });
  type Row = Omit<RawRow, "createdAt"> & { createdAt: string };
  const firstPage = db.prepare<[], Row>(`${SELECT} ${NEWEST_FIRST}`);
  const olderPage = db.prepare<[string, string, number], Row>(`${SELECT} WHERE p."createdAt" <= ? AND (p."createdAt" < ? OR p."id" < ?) ${NEWEST_FIRST}`);
  // Stored the way Prisma's SQLite adapter writes DateTime, so comparisons match.
  const stored = (date: Date) => date.toISOString().replace("Z", "+00:00");
  return async (older) => {
    const rows = older ? olderPage.all(stored(older.createdAt), stored(older.createdAt), older.id) : firstPage.all();
    return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt) }));
  };
}

function postgresQuery(url: string): PageQuery {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Prisma keeps DateTime as UTC in `timestamp` columns; read them as UTC, whatever the local zone.
  const utc = (oid: number) => (oid === 1114 ? (text: string) => new Date(`${text.replace(" ", "T")}Z`) : pg.types.getTypeParser(oid));
  const query = async (text: string, values: unknown[]) =>
    (await pool.query<RawRow>({ text, values, types: { getTypeParser: utc as never } })).rows;
  return (older) =>
    older
      ? query(`${SELECT} WHERE p."createdAt" <= $1 AND (p."createdAt" < $1 OR p."id" < $2) ${NEWEST_FIRST}`, [older.createdAt.toISOString().replace("Z", ""), older.id])
      : query(`${SELECT} ${NEWEST_FIRST}`, []);
}

export function rawPageQuery(databaseUrl: string): PageQuery {
  return providerOf(databaseUrl) === "sqlite" ? sqliteQuery(databaseUrl.slice("file:".length)) : postgresQuery(databaseUrl);
}
