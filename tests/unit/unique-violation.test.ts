import { describe, expect, it } from "vitest";
import { Prisma } from "../../app/generated/prisma/client.js";
import { uniqueViolationFields } from "../../app/repositories/unique-violation.js";

const prismaError = (code: string, cause: object) =>
  new Prisma.PrismaClientKnownRequestError("failed", {
    code,
    clientVersion: "7.10.1",
    meta: { modelName: "User", driverAdapterError: { name: "DriverAdapterError", cause } },
  });

describe("uniqueViolationFields", () => {
  it("reads the columns SQLite names", () => {
    const error = prismaError("P2002", { kind: "UniqueConstraintViolation", constraint: { fields: ["email"] }, table: "User" });
    expect(uniqueViolationFields(error)).toEqual(["email"]);
  });

  it("reads the columns back from the index PostgreSQL names", () => {
    const single = prismaError("P2002", { kind: "UniqueConstraintViolation", constraint: { index: "User_usernameKey_key" }, table: "User" });
    expect(uniqueViolationFields(single)).toEqual(["usernameKey"]);
    const compound = prismaError("P2002", { kind: "UniqueConstraintViolation", constraint: { index: "Follow_followerId_followedId_key" }, table: "Follow" });
    expect(uniqueViolationFields(compound)).toEqual(["followerId", "followedId"]);
  });

  it("falls back to the model name when the table is not given", () => {
    const error = prismaError("P2002", { kind: "UniqueConstraintViolation", constraint: { index: "User_email_key" } });
    expect(uniqueViolationFields(error)).toEqual(["email"]);
  });

  it("says nothing about an index it cannot read, or about other errors", () => {
    expect(uniqueViolationFields(prismaError("P2002", { kind: "UniqueConstraintViolation", constraint: { index: "custom_name" }, table: "User" }))).toBeUndefined();
    expect(uniqueViolationFields(prismaError("P2002", { kind: "UniqueConstraintViolation" }))).toBeUndefined();
    expect(uniqueViolationFields(prismaError("P2003", { kind: "ForeignKeyConstraintViolation" }))).toBeUndefined();
    expect(uniqueViolationFields(new Error("P2002"))).toBeUndefined();
  });
});
