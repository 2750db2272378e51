import { describe, expect, it } from "vitest";
import { safeNextPath } from "../../../app/http/safe-redirect.js";

const BASE = "https://jot.example";

/** Where a browser on BASE would go given `location`, after the tab/newline stripping it does. */
function hostABrowserWouldVisit(location: string): string {
  return new URL(location.replace(/[\t\n\r]/g, ""), BASE).host;
}

describe("safeNextPath", () => {
  it.each(["/", "/user/alice", "/?before=123-4", "/?after=1700000000123-42", "/user/a%20b", "/user/Al_ice.B-42", "/user/%C3%A9"])(
    "accepts the local path %j unchanged",
    (path) => {
      expect(safeNextPath(path)).toBe(path);
    },
  );

  const attacks: unknown[] = [
    // other hosts, written plainly
    "//evil.com",
    "///evil.com",
    "////evil.com",
    "/\\evil.com",
    "\\\\evil.com",
    "\\/evil.com",
    "https://evil.com",
    "HTTPS://evil.com/",
    "http:evil.com",
    "http:/evil.com",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.com",
    "evil.com/user/alice",
    " /user/alice",
    // percent-encoded forms
    "%2F%2Fevil.com",
    "/%2F%2Fevil.com",
    "/%2f/evil.com",
    "/%5Cevil.com",
    "/%5cevil.com",
    "/%252F%252Fevil.com",
    "/%25252F%25252Fevil.com",
    "/%2525252F%2525252Fevil.com",
    "/%09/evil.com",
    "/%0A/evil.com",
    // control characters browsers strip
    "/\t/evil.com",
    "/\n/evil.com",
    "/\r/evil.com",
    "/\u0000/evil.com",
    // not a link our pages made
    "/user/100%",
    "",
    undefined,
    null,
    42,
    ["/a"],
    { path: "/a" },
    `/${"a".repeat(3000)}`,
  ];

  it.each(attacks.map((value) => [value]))("rejects %j", (value) => {
    expect(safeNextPath(value)).toBeUndefined();
  });

  it("never returns a path that a browser would resolve to another host", () => {
    const candidates = [
      "/",
      "/user/alice",
      "/.//evil.com",
      "/./\\evil.com",
      "/..//evil.com",
      "/%2e%2e//evil.com",
      "/user/%252F%252Fevil.com",
      "/a/b/../../..//evil.com",
      ...attacks.filter((value): value is string => typeof value === "string"),
    ];
    for (const candidate of candidates) {
      const result = safeNextPath(candidate);
      if (result !== undefined) {
        expect(result.startsWith("/"), candidate).toBe(true);
        expect(hostABrowserWouldVisit(result), candidate).toBe("jot.example");
      }
    }
  });

  it("stops at 2048 characters", () => {
    const longest = `/${"a".repeat(2047)}`;
    expect(safeNextPath(longest)).toBe(longest);
    expect(safeNextPath(`${longest}a`)).toBeUndefined();
  });

  it("returns the path as given, not decoded", () => {
    expect(safeNextPath("/user/a%2Fb")).toBe("/user/a%2Fb");
  });
});
