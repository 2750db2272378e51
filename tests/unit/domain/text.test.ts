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

  it.each([
    ["Hangul filler U+3164", "\u3164"],
    ["Hangul choseong filler U+115F", "\u115f\u1160"],
    ["halfwidth Hangul filler U+FFA0", "\uffa0"],
    ["blank Braille pattern U+2800", "\u2800\u2800"],
    ["ideographic space U+3000", "\u3000"],
    ["no-break and thin spaces", "\u00a0\u2009\u202f"],
    ["soft hyphen and word joiner", "\u00ad\u2060"],
    ["Mongolian vowel separator", "\u180e"],
    ["variation selectors", "\ufe0f\u{e0100}"],
    ["left-to-right and right-to-left marks", "\u200e\u200f"],
    ["a mix of all of them", " \u3164\u2800\u00ad\u200b\n\t"],
  ])("is true for %s alone", (_name, text) => {
    expect(isBlank(text)).toBe(true);
  });

  it("is false as soon as one character shows", () => {
    expect(isBlank("\u3164.\u3164")).toBe(false);
    expect(isBlank("\u2800\u2801")).toBe(false);
    expect(isBlank("😀\ufe0f")).toBe(false);
    expect(isBlank("ㅤhiㅤ")).toBe(false);
  });
});
