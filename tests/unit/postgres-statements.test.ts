import { describe, expect, it } from "vitest";
import { StatementNames } from "../../app/database/postgres-statements.js";

const query = (sql: string) => ({ sql, args: [], argTypes: [] });

describe("StatementNames", () => {
  it("gives each SQL text one name of its own", () => {
    const { nameOf } = new StatementNames();
    const a = nameOf(query("SELECT 1"));
    const b = nameOf(query("SELECT 2"));
    expect(a).toMatch(/^jot_\d+$/);
    expect(b).not.toBe(a);
    expect(nameOf(query("SELECT 1"))).toBe(a);
  });

  it("gives a renewed text a new name", () => {
    const names = new StatementNames();
    const before = names.nameOf(query("SELECT 1"));
    names.renew("SELECT 1");
    const after = names.nameOf(query("SELECT 1"));
    expect(after).toMatch(/^jot_\d+$/);
    expect(after).not.toBe(before);
    expect(names.nameOf(query("SELECT 1"))).toBe(after);
  });

  it("leaves statements unnamed past its bound, renewed ones included, and keeps the names it gave", () => {
    const names = new StatementNames();
    const given = Array.from({ length: 255 }, (_, i) => names.nameOf(query(`SELECT ${i}`)));
    names.renew("SELECT 0");
    expect(names.nameOf(query("SELECT 0"))).toMatch(/^jot_\d+$/);
    expect(names.nameOf(query("SELECT 999"))).toBeUndefined();
    expect(names.nameOf(query("SELECT 1"))).toBe(given[1]);
    expect(new Set(given).size).toBe(255);
  });
});
