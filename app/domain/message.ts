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

/** Which messages a list shows: those a user received, or those they sent. */
export type Mailbox = "received" | "sent";

/** A message as a mailbox lists it, with the other person: the sender when received, else the recipient. */
export interface MailboxMessage extends Message {
  other: Pick<User, "id" | "username">;
}

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
