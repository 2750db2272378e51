import { describe, expect, it } from "vitest";
import { linkedText } from "../../../app/view-models/linked-text.js";

const links = (text: string) => linkedText(text).filter((part) => "href" in part);

describe("linkedText", () => {
  it("cuts text into words and its http(s) links, whole", () => {
    const text = "Open https://jot.example/verify_email/abc-DEF_123 within 48 hours.\nOr http://127.0.0.1:3000/settings.";
    expect(linkedText(text)).toEqual([
      { text: "Open " },
      { text: "https://jot.example/verify_email/abc-DEF_123", href: "https://jot.example/verify_email/abc-DEF_123" },
      { text: " within 48 hours.\nOr " },
      { text: "http://127.0.0.1:3000/settings", href: "http://127.0.0.1:3000/settings" },
      { text: "." },
    ]);
  });

  it("links an address written from www., opened over http", () => {
    expect(linkedText("see www.example.com/a!")).toEqual([{ text: "see " }, { text: "www.example.com/a", href: "http://www.example.com/a" }, { text: "!" }]);
  });

  it("keeps the punctuation after a link outside it, and brackets it opens inside", () => {
    expect(links("(see https://en.wikipedia.org/wiki/Jot_(app)), then https://x.example/a?b=c.")).toEqual([
      { text: "https://en.wikipedia.org/wiki/Jot_(app)", href: "https://en.wikipedia.org/wiki/Jot_(app)" },
      { text: "https://x.example/a?b=c", href: "https://x.example/a?b=c" },
    ]);
  });

  it("never makes a link of another scheme, an e-mail address, a bare domain or a //host", () => {
    for (const text of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "java\tscript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "mailto:someone@example.com",
      "someone@example.com",
      "ftp://files.example/x",
      "jot.example and example.com",
      "//evil.example/x",
    ]) {
      expect(links(text), text).toEqual([]);
      expect(linkedText(text).map((part) => part.text).join("")).toBe(text);
    }
  });

  it("gives back the text as written, whatever is in it", () => {
    const text = `a "quoted" https://x.example/"onmouseover="alert(1) <b>https://y.example/<script></b>`;
    expect(linkedText(text).map((part) => part.text).join("")).toBe(text);
    for (const link of links(text)) expect((link as { href: string }).href).toMatch(/^https:\/\/[xy]\.example\//);
  });

  it("is one part for text with nothing like a link, and none for no text", () => {
    expect(linkedText("Coffee first. Then code.")).toEqual([{ text: "Coffee first. Then code." }]);
    expect(linkedText("")).toEqual([]);
  });
});
