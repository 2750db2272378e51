import { describe, expect, it } from "vitest";
import { ValidationError } from "../../../app/domain/errors.js";
import { createMessage, MessageRefused } from "../../../app/domain/message.js";

describe("createMessage", () => {
  it("keeps the text as a post's: CRLF as one line break, trimmed, control characters dropped", () => {
    expect(createMessage(1, 2, "  hi\r\nthere\u0000 ")).toEqual({ senderId: 1, recipientId: 2, body: "hi\nthere" });
  });

  it("refuses oneself before looking at the text", () => {
    expect(() => createMessage(3, 3, "")).toThrow(new MessageRefused("You cannot send a message to yourself."));
  });

  it("refuses blank text and more than 140 characters, on the message field", () => {
    expect(() => createMessage(1, 2, "\u200b")).toThrow(ValidationError);
    try {
      createMessage(1, 2, "é".repeat(141));
    } catch (error) {
      expect((error as ValidationError).fields).toEqual({ message: "At most 140 characters." });
    }
    expect(createMessage(1, 2, "😀".repeat(140)).body).toHaveLength(280);
  });
});
