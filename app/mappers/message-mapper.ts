import type { MailboxMessage, Message, NewMessage } from "../domain/message.js";
import type { Message as MessageRow, Prisma } from "../generated/prisma/client.js";

/** A message with the other person's name, as MessageRepository.mailbox selects it. */
export interface MailboxRow extends MessageRow {
  otherId: number;
  otherUsername: string;
}

export const toMessage = (row: MessageRow): Message => ({
  id: row.id,
  senderId: row.senderId,
  recipientId: row.recipientId,
  body: row.body,
  createdAt: row.createdAt,
});

export const toMailboxMessage = (row: MailboxRow): MailboxMessage => ({
  ...toMessage(row),
  other: { id: row.otherId, username: row.otherUsername },
});

export const toMessageCreate = (message: NewMessage): Prisma.MessageUncheckedCreateInput => ({
  senderId: message.senderId,
  recipientId: message.recipientId,
  body: message.body,
});
