import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { preparingOnce } from "../../app/database/sqlite-statements.js";

/** A connection whose real prepare() calls are counted, with the cache over it. */
function connection() {
  const db = new Database(":memory:");
  const real = db.prepare.bind(db);
  const prepared: string[] = [];
  db.prepare = ((sql: string) => {
    prepared.push(sql);
    return real(sql);
  }) as typeof db.prepare;
  preparingOnce(db);
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");
  return { db, prepared };
}

// Used the way Prisma's adapter uses a statement.
const query = (db: Database.Database, sql: string, args: unknown[]) => db.prepare(sql).bind(args).raw().all();
const write = (db: Database.Database, sql: string, args: unknown[]) => db.prepare(sql).bind(args).run();

describe("preparingOnce", () => {
  it("prepares a SQL text once and runs it with each call's own arguments", () => {
    const { db, prepared } = connection();
    for (const name of ["ann", "bob", "cy"]) write(db, "INSERT INTO t (name) VALUES (?)", [name]);
    expect(query(db, "SELECT name FROM t WHERE id > ? ORDER BY id", [1])).toEqual([["bob"], ["cy"]]);
    expect(query(db, "SELECT name FROM t WHERE id > ? ORDER BY id", [2])).toEqual([["cy"]]);
    expect(prepared.filter((sql) => sql.startsWith("INSERT"))).toHaveLength(1);
    expect(prepared.filter((sql) => sql.startsWith("SELECT"))).toHaveLength(1);
  });

  it("answers reader, columns and an unbound run as a statement would", () => {
    const { db } = connection();
    expect(db.prepare("BEGIN").run().changes).toBe(0);
    db.prepare("COMMIT").run();
    const select = db.prepare("SELECT id, name FROM t").bind([]);
    expect(select.reader).toBe(true);
    expect(select.columns().map((c) => [c.name, c.type])).toEqual([["id", "INTEGER"], ["name", "TEXT"]]);
    expect(db.prepare("DELETE FROM t").bind([]).reader).toBe(false);
  });

  it("keeps a bounded number of statements, preparing again what it let go", () => {
    const { db, prepared } = connection();
    for (let i = 0; i < 300; i++) query(db, `SELECT ${i}`, []);
    query(db, "SELECT 0", []);
    query(db, "SELECT 299", []);
    expect(prepared.filter((sql) => sql === "SELECT 0")).toHaveLength(2);
    expect(prepared.filter((sql) => sql === "SELECT 299")).toHaveLength(1);
  });

  it("passes SQLite's errors on", () => {
    const { db } = connection();
    expect(() => query(db, "SELECT nope FROM t", [])).toThrow(/no such column/);
    write(db, "INSERT INTO t (id, name) VALUES (?, ?)", [1, "a"]);
    expect(() => write(db, "INSERT INTO t (id, name) VALUES (?, ?)", [1, "b"])).toThrow(/UNIQUE/);
    expect(query(db, "SELECT name FROM t", [])).toEqual([["a"]]);
  });
});
