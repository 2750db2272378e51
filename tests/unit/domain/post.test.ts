import { describe, expect, it } from "vitest";
import { ValidationError } from "../../../app/domain/errors.js";
import { createPost, POST_MAX_LENGTH } from "../../../app/domain/post.js";
import { characterCount } from "../../../app/domain/text.js";

/** Runs `fn`, expects a ValidationError, and hands it back for closer checks. */
function validationErrorFrom(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error("expected a ValidationError, but nothing was thrown");
}

describe("characterCount", () => {
  it("counts code points, so an emoji is one character though it is two UTF-16 units", () => {
    expect("😀".length).toBe(2);
    expect(characterCount("😀")).toBe(1);
    expect(characterCount("a😀b")).toBe(3);
    expect(characterCount("")).toBe(0);
    expect(characterCount("héllo")).toBe(5);
  });
});

describe("createPost", () => {
  it("has a 140-character limit", () => {
    expect(POST_MAX_LENGTH).toBe(140);
  });

  it("accepts exactly 140 characters and keeps author and body", () => {
    const body = "a".repeat(140);
    expect(createPost(7, body)).toEqual({ authorId: 7, body, tags: [], names: [] });
  });

  it("rejects 141 characters with a ValidationError on the body field", () => {
    const error = validationErrorFrom(() => createPost(7, "a".repeat(141)));
    expect(error.fields.body).toBe("At most 140 characters.");
    expect(Object.keys(error.fields)).toEqual(["body"]);
  });

  it("accepts 140 emoji (280 UTF-16 units)", () => {
    const body = "😀".repeat(140);
    expect(body.length).toBe(280);
    expect(createPost(1, body).body).toBe(body);
  });

  it("rejects 141 emoji", () => {
    const error = validationErrorFrom(() => createPost(1, "😀".repeat(141)));
    expect(error.fields.body).toBeTruthy();
  });

  it("accepts 139 letters plus one emoji (141 UTF-16 units)", () => {
    const body = `${"a".repeat(139)}😀`;
    expect(body.length).toBe(141);
    expect(createPost(1, body).body).toBe(body);
  });

  it("rejects a body of invisible zero-width characters only", () => {
    const error = validationErrorFrom(() => createPost(1, "\u200b\u200d \ufeff"));
    expect(error.fields.body).toBe("Say something first.");
  });

  it("trims surrounding whitespace before storing", () => {
    expect(createPost(3, "  \n hello world \t\n")).toEqual({ authorId: 3, body: "hello world", tags: [], names: [] });
  });

  it("names the post it answers, and files the post under its hashtags' keys", () => {
    expect(createPost(3, "Yes, #Jot and #jot", 9)).toEqual({ authorId: 3, body: "Yes, #Jot and #jot", replyToId: 9, tags: ["jot"], names: [] });
    expect(createPost(3, "@Ann and @ann.", 9).names).toEqual(["ann"]);
  });

  it("measures the length after trimming", () => {
    const body = "b".repeat(140);
    expect(createPost(3, `   ${body}   `).body).toBe(body);
  });

  it("keeps inner whitespace and newlines", () => {
    expect(createPost(3, "line one\n\nline  two").body).toBe("line one\n\nline  two");
  });

  it.each([
    ["empty", ""],
    ["spaces", "   "],
    ["tabs and newlines", "\t\n\r\n "],
    ["no-break space", "\u00a0\u00a0"],
  ])("rejects a %s body as empty", (_label, raw) => {
    const error = validationErrorFrom(() => createPost(3, raw));
    expect(error.fields.body).toBe("Say something first.");
  });
});
