import { BadRequestError } from "./errors.js";

// Twenty a page, as Mastodon pages: a page of full-length posts, each with its action bar, must stay
// within 50 KB (docs/decisions/twenty-posts-a-page.md).
export const PAGE_SIZE = 20;

/** A position in a newest-first list: the (createdAt, id) of one post. */
export interface Cursor {
  createdAt: Date;
  id: number;
}

/** Which slice of a newest-first list to read: the first page, or the page before/after a cursor. */
export type PageRequest =
  | { kind: "first" }
  | { kind: "older"; cursor: Cursor }
  | { kind: "newer"; cursor: Cursor };

export interface Page<T> {
  items: T[];
  /** Set when newer items exist: the cursor of this page's first item. */
  newer?: Cursor;
  /** Set when older items exist: the cursor of this page's last item. */
  older?: Cursor;
}

const CURSOR_PATTERN = /^(\d{1,15})-(\d{1,15})$/;
// Dates are stored as ISO-8601 text, which sorts correctly only up to year 9999.
const LATEST_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export function encodeCursor(cursor: Cursor): string {
  return `${cursor.createdAt.getTime()}-${cursor.id}`;
}

/** The largest id a row can have: ids are 32-bit integers in both databases. */
export const LARGEST_ID = 2 ** 31 - 1;

/** A row's id as a link carries it (a post's, a user's): digits only, within the id column's range; anything else names no row. */
export function idFrom(raw: unknown): number | undefined {
  if (typeof raw !== "string" || !/^\d{1,9}$/.test(raw)) return undefined;
  return Number(raw);
}

export function decodeCursor(text: string): Cursor {
  const match = CURSOR_PATTERN.exec(text);
  const createdAt = match ? new Date(Number(match[1])) : undefined;
  const id = match ? Number(match[2]) : 0;
  // A larger id can name no row (and PostgreSQL would refuse to compare with it).
  if (!createdAt || !(createdAt.getTime() <= LATEST_TIME) || id < 1 || id > LARGEST_ID) {
    throw new BadRequestError("That page link is not valid.");
  }
  return { createdAt, id };
}

export function cursorOf(item: { createdAt: Date; id: number }): Cursor {
  return { createdAt: item.createdAt, id: item.id };
}
