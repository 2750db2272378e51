import { describe, expect, it } from "vitest";
import { isBlank, normaliseText } from "../../../app/domain/text.js";

describe("normaliseText", () => {
  it("makes CRLF and CR one line feed and trims", () => {
    expect(normaliseText("  a\r\nb\rc\n ")).toBe("a\nb\nc");
  });

  it("drops control characters but tab and line feed, NUL included", () => {
    expect(normaliseText("a\u0000b\u0001\u0008c\u000b\u000c\u001b\u007fd\te")).toBe("abcd\te");
  });
});

describe("isBlank", () => {
  it("is true for nothing, spaces and zero-width characters only", () => {
    expect(isBlank("")).toBe(true);
    expect(isBlank(" \n\u200b\ufeff\u2060")).toBe(true);
    expect(isBlank(" a ")).toBe(false);
  });
});
