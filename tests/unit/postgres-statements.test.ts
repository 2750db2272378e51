import { describe, expect, it } from "vitest";
import { statementNames } from "../../app/database/postgres-statements.js";

const query = (sql: string) => ({ sql, args: [], argTypes: [] });

describe("statementNames", () => {
  it("gives each SQL text one name of its own", () => {
    const nameOf = statementNames();
    const a = nameOf(query("SELECT 1"));
    const b = nameOf(query("SELECT 2"));
    expect(a).toMatch(/^jot_\d+$/);
    expect(b).not.toBe(a);
    expect(nameOf(query("SELECT 1"))).toBe(a);
  });

  it("leaves statements unnamed past its bound, and keeps the names it gave", () => {
    const nameOf = statementNames();
    const names = Array.from({ length: 300 }, (_, i) => nameOf(query(`SELECT ${i}`)));
    expect(new Set(names.filter(Boolean)).size).toBe(256);
    expect(names[299]).toBeUndefined();
    expect(nameOf(query("SELECT 0"))).toBe(names[0]);
  });
});
