import type { Chat, Message, NewMessage } from "../domain/message.js";
import type { Message as MessageRow, Prisma } from "../generated/prisma/client.js";

/** A conversation as MessageRepository.chats selects it: the other person, the newest message, the unread count. */
export interface ChatRow {
  otherId: number;
  otherUsername: string;
  unread: number;
  id: number;
  senderId: number;
  body: string;
  createdAt: Date;
}

export const toMessage = (row: MessageRow): Message => ({
  id: row.id,
  senderId: row.senderId,
  recipientId: row.recipientId,
  body: row.body,
  createdAt: row.createdAt,
});

export const toChat = (row: ChatRow): Chat => ({
  other: { id: row.otherId, username: row.otherUsername },
  last: { id: row.id, senderId: row.senderId, body: row.body, createdAt: row.createdAt },
  unread: Number(row.unread),
});

export const toMessageCreate = (message: NewMessage): Prisma.MessageUncheckedCreateInput => ({
  senderId: message.senderId,
  recipientId: message.recipientId,
  body: message.body,
});
