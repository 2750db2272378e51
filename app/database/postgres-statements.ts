import type { SqlQuery } from "@prisma/driver-adapter-utils";

/** Distinct SQL texts given a name, per process; Jot has a few dozen. */
const NAMED_STATEMENTS = 256;

/**
 * Names each distinct SQL text, so that every pooled connection parses and plans it once and
 * then only executes it. Past the bound a statement stays unnamed (parsed each time), which keeps
 * the statements each connection holds on the server bounded whatever SQL comes along.
 */
export function statementNames(): (query: SqlQuery) => string {
  const names = new Map<string, string>();
  return ({ sql }) => {
    let name = names.get(sql);
    if (name === undefined && names.size < NAMED_STATEMENTS) {
      name = `jot_${names.size + 1}`;
      names.set(sql, name);
    }
    // The adapter hands the name to pg, for which no name means an unnamed statement.
    return name as string;
  };
}
