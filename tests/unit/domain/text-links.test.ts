import { describe, expect, it } from "vitest";
import { hashtagsIn, isTagName, linksIn, MAX_TAGS, tagKey, tagPath } from "../../../app/domain/text-links.js";

describe("hashtags", () => {
  it.each([
    ["Loving #Jot today", ["jot"]],
    ["#日本語 と #Ünïcödé", ["日本語", "ünïcödé"]],
    ["snake #case_tag2 and #2fast", ["case_tag2", "2fast"]],
    ["twice: #same #SAME #Same", ["same"]],
    ["(#inside), #end.", ["inside", "end"]],
  ])("%s → %j", (text, keys) => {
    expect(hashtagsIn(text)).toEqual(keys);
  });

  it.each([
    ["numbers alone are no tag", "#123 and #2026"],
    ["a # inside a word is no tag", "a#b c#d"],
    ["a lone #", "# and #!"],
    ["a # after a #", "##double"],
    ["an address's fragment is part of the address", "see https://jot.example/page#section"],
    ["an escaped character someone typed", "&#39; and &#x27; and &#name;"],
    ["too long", `#${"a".repeat(51)}`],
  ])("%s", (_why, text) => {
    expect(hashtagsIn(text)).toEqual([]);
  });

  it("takes a tag of 50 characters, counted as a reader counts them", () => {
    expect(hashtagsIn(`#${"é".repeat(50)}`)).toEqual(["é".repeat(50)]);
    expect(isTagName("😀")).toBe(false);
  });

  it(`files a post under at most ${MAX_TAGS} tags, the first used`, () => {
    const text = Array.from({ length: 12 }, (_, i) => `#t${i}`).join(" ");
    expect(hashtagsIn(text)).toEqual(Array.from({ length: MAX_TAGS }, (_, i) => `t${i}`));
  });

  it("keys a tag by NFC and lower case, and its page by the key, percent-encoded", () => {
    expect(tagKey("Cafe\u0301")).toBe("café");
    expect(tagPath("café")).toBe("/tag/caf%C3%A9");
    const [link] = linksIn("#Café");
    expect(link).toMatchObject({ text: "#Café", url: "/tag/caf%C3%A9", tag: "café" });
  });

  it("finds web addresses and tags side by side, in order", () => {
    expect(linksIn("Read https://jot.example/a #news, www.example.com too").map((l) => [l.text, l.tag ?? null])).toEqual([
      ["https://jot.example/a", null],
      ["#news", "news"],
      ["www.example.com", null],
    ]);
  });
});
