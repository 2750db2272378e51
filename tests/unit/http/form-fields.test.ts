import { describe, expect, it } from "vitest";
import { checkboxField, textField } from "../../../app/http/form-fields.js";

describe("textField", () => {
  it("returns the string value of a field, untouched", () => {
    expect(textField({ username: "  alice " }, "username")).toBe("  alice ");
    expect(textField({ body: "" }, "body")).toBe("");
  });

  it("reads a missing field as empty", () => {
    expect(textField({ other: "x" }, "username")).toBe("");
    expect(textField({}, "username")).toBe("");
  });

  it("reads a repeated field (an array) as empty", () => {
    expect(textField({ username: ["alice", "bob"] }, "username")).toBe("");
    expect(textField({ username: ["alice"] }, "username")).toBe("");
  });

  it("reads an object, number, boolean or null value as empty", () => {
    expect(textField({ username: { first: "alice" } }, "username")).toBe("");
    expect(textField({ username: 42 }, "username")).toBe("");
    expect(textField({ username: true }, "username")).toBe("");
    expect(textField({ username: null }, "username")).toBe("");
  });

  it.each([
    ["null", null],
    ["undefined", undefined],
    ["a string", "username=alice"],
    ["a number", 1],
  ])("reads every field of a %s body as empty", (_label, body) => {
    expect(textField(body, "username")).toBe("");
  });

  it("does not read inherited properties as fields", () => {
    expect(textField({}, "toString")).toBe("");
    expect(textField({}, "constructor")).toBe("");
  });
});

describe("checkboxField", () => {
  it("is ticked when the field is present with a value", () => {
    expect(checkboxField({ remember: "on" }, "remember")).toBe(true);
    expect(checkboxField({ remember: "yes" }, "remember")).toBe(true);
  });

  it("is not ticked when the field is missing, empty, or not a single string", () => {
    expect(checkboxField({}, "remember")).toBe(false);
    expect(checkboxField({ remember: "" }, "remember")).toBe(false);
    expect(checkboxField({ remember: ["on", "on"] }, "remember")).toBe(false);
    expect(checkboxField({ remember: { x: 1 } }, "remember")).toBe(false);
    expect(checkboxField(null, "remember")).toBe(false);
    expect(checkboxField(undefined, "remember")).toBe(false);
  });
});
