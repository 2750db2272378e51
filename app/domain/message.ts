import type { Cursor } from "./page.js";
import { shortText } from "./text.js";
import type { User } from "./user.js";

export const MESSAGE_MAX_LENGTH = 140;

export interface Message {
  id: number;
  senderId: number;
  recipientId: number;
  body: string;
  createdAt: Date;
}

export type NewMessage = Omit<Message, "id" | "createdAt">;

/** A conversation as /messages lists it for one of its two people: the other, and the newest message either way. */
export interface Chat {
  other: Pick<User, "id" | "username">;
  last: Pick<Message, "id" | "senderId" | "body" | "createdAt">;
  /** Messages from the other person that arrived since the owner last opened the conversation. */
  unread: number;
}

/** The list's keyset position: the newest message's time, then the other person's id. */
export const chatCursor = (chat: Chat): Cursor => ({ createdAt: chat.last.createdAt, id: chat.other.id });

/** A message that may not be sent; its text is said to the person who tried. */
export class MessageRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MessageRefused";
  }
}

/** Throws MessageRefused when `senderId` may not write to `recipientId`: oneself. */
export function checkRecipient(senderId: number, recipientId: number): void {
  if (senderId === recipientId) throw new MessageRefused("You cannot send a message to yourself.");
}

/** Validates a message: not to oneself (MessageRefused), text like a post's (ValidationError). */
export function createMessage(senderId: number, recipientId: number, rawBody: string): NewMessage {
  checkRecipient(senderId, recipientId);
  return { senderId, recipientId, body: shortText(rawBody, "message", MESSAGE_MAX_LENGTH) };
}
