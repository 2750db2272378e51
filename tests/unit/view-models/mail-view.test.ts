import { describe, expect, it } from "vitest";
import { withLinks } from "../../../app/view-models/mail-view.js";

describe("withLinks", () => {
  it("cuts a mail's text into words and its http(s) links, whole", () => {
    const text = "Open https://jot.example/verify_email/abc-DEF_123 within 48 hours.\nOr http://127.0.0.1:3000/settings.";
    expect(withLinks(text)).toEqual([
      { text: "Open " },
      { text: "https://jot.example/verify_email/abc-DEF_123", href: "https://jot.example/verify_email/abc-DEF_123" },
      { text: " within 48 hours.\nOr " },
      { text: "http://127.0.0.1:3000/settings", href: "http://127.0.0.1:3000/settings" },
      { text: "." },
    ]);
  });

  it("leaves other schemes and bare names as text", () => {
    expect(withLinks("Write to someone@example.com or javascript:alert(1)")).toEqual([{ text: "Write to someone@example.com or javascript:alert(1)" }]);
    expect(withLinks("")).toEqual([]);
  });
});
