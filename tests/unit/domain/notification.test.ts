import { describe, expect, it } from "vitest";
import { eventId, notificationSeqFrom, seqFromEventId } from "../../../app/domain/notification.js";

describe("notification numbers from clients", () => {
  it("reads a since that is a whole number, nothing else", () => {
    expect(notificationSeqFrom("0")).toBe(0);
    expect(notificationSeqFrom("123456789")).toBe(123456789);
    for (const raw of ["", "-1", "1.5", "1e3", " 1", "1234567890", "0x10", undefined, ["1"], 1]) expect(notificationSeqFrom(raw)).toBeUndefined();
  });

  it("reads a Last-Event-ID only when it is one of this user's event ids", () => {
    expect(seqFromEventId(7, eventId(7, 42))).toBe(42);
    expect(seqFromEventId(7, "7-0")).toBe(0);
    for (const raw of ["8-42", "42", "7-", "-42", "7-42-1", "7-1234567890", undefined, ""]) expect(seqFromEventId(7, raw)).toBeUndefined();
  });
});
