import type { Database as Connection, Statement } from "better-sqlite3";

/** Distinct SQL texts kept prepared per connection; Jot has a few dozen. */
const KEPT_STATEMENTS = 256;

/**
 * What Prisma's SQLite adapter does with a statement: prepare(sql), then either run() it, or
 * bind(args) it and read reader / columns() / raw().all(), or run() it.
 */
interface AdapterStatement {
  readonly reader: boolean;
  bind(args: unknown[]): AdapterStatement;
  columns(): ReturnType<Statement["columns"]>;
  raw(): AdapterStatement;
  all(): unknown[];
  run(): ReturnType<Statement["run"]>;
}

interface Prepared {
  statement: Statement<unknown[]>;
  /** The result columns: asked for on every query, fixed once the statement is prepared. */
  columns?: ReturnType<Statement["columns"]>;
}

/** One prepared statement used with the arguments of one call, leaving the statement reusable. */
function withArguments(prepared: Prepared, args: unknown[] = []): AdapterStatement {
  const { statement } = prepared;
  const view: AdapterStatement = {
    reader: statement.reader,
    bind: (next) => withArguments(prepared, next),
    columns: () => (prepared.columns ??= statement.columns()),
    raw: () => {
      statement.raw(true);
      return view;
    },
    all: () => statement.all(args),
    run: () => statement.run(args),
  };
  return view;
}

/**
 * Makes a connection prepare each distinct SQL text once. Prisma's adapter prepares every statement
 * anew on each query, about a tenth of a page's CPU time, and binds the arguments to it for good,
 * which a statement that is used again cannot take twice; so the statement it gets here keeps the
 * arguments of one call beside it and passes them to that call.
 */
export function preparingOnce(connection: Connection): void {
  const kept = new Map<string, Prepared>();
  const prepare = connection.prepare.bind(connection);
  connection.prepare = ((sql: string) => {
    let prepared = kept.get(sql);
    if (!prepared) {
      if (kept.size >= KEPT_STATEMENTS) kept.delete(kept.keys().next().value!);
      prepared = { statement: prepare<unknown[]>(sql) };
      kept.set(sql, prepared);
    }
    return withArguments(prepared);
  }) as unknown as Connection["prepare"];
}
