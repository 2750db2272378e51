import { BadRequestError } from "../domain/errors.js";
import { decodeCursor, type PageRequest } from "../domain/page.js";

/** Turns the `before`/`after` link parameters into a PageRequest; anything else is a bad link. */
export function pageRequestFrom(before: unknown, after: unknown): PageRequest {
  if (before !== undefined && after !== undefined) {
    throw new BadRequestError("A page link names one direction only.");
  }
  if (before !== undefined) return { kind: "older", cursor: decodeCursor(asText(before)) };
  if (after !== undefined) return { kind: "newer", cursor: decodeCursor(asText(after)) };
  return { kind: "first" };
}

function asText(value: unknown): string {
  if (typeof value !== "string") throw new BadRequestError("That page link is not valid.");
  return value;
}
