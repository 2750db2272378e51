import { describe, expect, it } from "vitest";
import { BadRequestError } from "../../../app/domain/errors.js";
import { pageRequestFrom } from "../../../app/http/page-request.js";

describe("pageRequestFrom", () => {
  it("asks for the first page when neither parameter is given", () => {
    expect(pageRequestFrom(undefined, undefined)).toEqual({ kind: "first" });
  });

  it("turns `before` into a request for older posts", () => {
    expect(pageRequestFrom("1000-5", undefined)).toEqual({ kind: "older", cursor: { createdAt: new Date(1000), id: 5 } });
  });

  it("turns `after` into a request for newer posts", () => {
    expect(pageRequestFrom(undefined, "2000-6")).toEqual({ kind: "newer", cursor: { createdAt: new Date(2000), id: 6 } });
  });

  it("rejects both directions at once", () => {
    expect(() => pageRequestFrom("1000-5", "2000-6")).toThrow(BadRequestError);
    expect(() => pageRequestFrom("1000-5", "2000-6")).toThrow("A page link names one direction only.");
  });

  it.each([
    ["a repeated before", ["a", "b"], undefined],
    ["a repeated after", undefined, ["1-2", "3-4"]],
    ["a repeated valid before", ["1-2", "1-2"], undefined],
    ["an object", { x: "1-2" }, undefined],
    ["a number", 12, undefined],
    ["null", null, undefined],
    ["an empty before", "", undefined],
    ["a malformed after", undefined, "abc"],
  ])("rejects %s with BadRequestError", (_label, before, after) => {
    expect(() => pageRequestFrom(before, after)).toThrow(BadRequestError);
  });
});
