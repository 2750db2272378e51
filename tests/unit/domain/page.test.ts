import { describe, expect, it } from "vitest";
import { BadRequestError } from "../../../app/domain/errors.js";
import { cursorOf, decodeCursor, encodeCursor } from "../../../app/domain/page.js";

describe("encodeCursor / decodeCursor", () => {
  it("accepts the last millisecond of year 9999 and refuses anything later, which would sort wrongly as text", () => {
    const last = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    expect(decodeCursor(`${last}-1`).createdAt.getTime()).toBe(last);
    expect(() => decodeCursor(`${last + 1}-1`)).toThrow(BadRequestError);
    expect(() => decodeCursor("999999999999999-1")).toThrow(BadRequestError);
  });

  it("encodes as <milliseconds>-<id>", () => {
    expect(encodeCursor({ createdAt: new Date(1_700_000_000_123), id: 42 })).toBe("1700000000123-42");
  });

  it.each([
    { createdAt: new Date("2024-03-05T14:07:09.123Z"), id: 1 },
    { createdAt: new Date(0), id: 7 },
    { createdAt: new Date(1_700_000_000_123), id: 2_147_483_647 },
  ])("round-trips %o", (cursor) => {
    const decoded = decodeCursor(encodeCursor(cursor));
    expect(decoded).toEqual(cursor);
    expect(decoded.createdAt.getTime()).toBe(cursor.createdAt.getTime());
  });

  it("decodes into a Date and a number", () => {
    const cursor = decodeCursor("123-4");
    expect(cursor.createdAt).toBeInstanceOf(Date);
    expect(cursor.createdAt.getTime()).toBe(123);
    expect(cursor.id).toBe(4);
  });

  it.each([
    "",
    "abc",
    "1-",
    "-1",
    "12-0",
    "1.5-2",
    "99999999999999999999-1",
    "1-99999999999999999999",
    "1-2-3",
    " 1-2",
    "1-2 ",
    "1-2\n",
    "1e3-2",
    "0x10-2",
    "1--2",
    "1_2",
    "١٢-٣",
  ])("rejects the malformed cursor %j with BadRequestError", (text) => {
    expect(() => decodeCursor(text)).toThrow(BadRequestError);
    expect(() => decodeCursor(text)).toThrow("That page link is not valid.");
  });
});

describe("cursorOf", () => {
  it("keeps only createdAt and id", () => {
    const createdAt = new Date(5);
    expect(cursorOf({ createdAt, id: 3, body: "x" } as { createdAt: Date; id: number })).toEqual({ createdAt, id: 3 });
  });
});
