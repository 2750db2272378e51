import type { Database } from "../database/client.js";
import { chatCursor, type Chat, type Message, type NewMessage } from "../domain/message.js";
import { cursorOf, type Page, type PageRequest } from "../domain/page.js";
import { Prisma, type Message as MessageRow } from "../generated/prisma/client.js";
import { toChat, toMessage, toMessageCreate, type ChatRow } from "../mappers/message-mapper.js";
import { addNotification } from "./notification-repository.js";
import { limit, pageOrder, pastCursor, toPage, where } from "./keyset.js";
import { whileUsersExist } from "./missing-user.js";

const MESSAGES = { time: Prisma.sql`m."createdAt"`, id: Prisma.sql`m."id"` };
const CHATS = { time: Prisma.sql`c."lastAt"`, id: Prisma.sql`c."otherId"` };

/**
 * Private messages, and each person's conversations (Chat: a row per person and each person they
 * have written to or heard from) with what they have not read. The same SQL on both databases.
 */
export class MessageRepository {
  constructor(private readonly db: Database) {}

  /**
   * Adds the message, moves the conversation to the top of both people's lists (one more unread for
   * the recipient), and notifies the recipient, in one transaction; NotFoundError if either person has gone.
   */
  async add(message: NewMessage): Promise<Message> {
    return whileUsersExist(
      this.db.$transaction(async (tx) => {
        const row = await tx.message.create({ data: toMessageCreate(message) });
        // Both rows of the pair, the lower owner's first whoever writes: two people writing to each
        // other at once then wait for one another instead of each holding the row the other needs.
        const sides = [
          { owner: message.senderId, other: message.recipientId, unread: 0 },
          { owner: message.recipientId, other: message.senderId, unread: 1 },
        ].sort((a, b) => a.owner - b.owner);
        for (const side of sides) await touchChat(tx, side.owner, side.other, row.id, row.createdAt, side.unread);
        await addNotification(tx, message.recipientId, "message", message.senderId, row.createdAt);
        return toMessage(row);
      }),
    );
  }

  /** A page of a user's conversations, the newest message first, each with that message: one statement. */
  async chats(ownerId: number, request: PageRequest, size: number): Promise<Page<Chat>> {
    const rows = await this.db.$queryRaw<ChatRow[]>`
      SELECT c."otherId", u."username" AS "otherUsername", c."unread", m."id", m."senderId", m."body", m."createdAt"
      FROM "Chat" c JOIN "User" u ON u."id" = c."otherId" JOIN "Message" m ON m."id" = c."lastMessageId"
      ${where([Prisma.sql`c."ownerId" = ${ownerId}`, ...pastCursor(request, CHATS)])} ${pageOrder(request, CHATS)} ${limit(size + 1)}`;
    return toPage(rows, request, size, toChat, chatCursor);
  }

  /**
   * A page of the messages between two people, newest first, and how many of the other's `userId`
   * has not read: one statement at any depth, a range of the (sender, recipient, time) index for
   * each direction, merged.
   */
  async between(userId: number, otherId: number, request: PageRequest, size: number): Promise<{ page: Page<Message>; unread: number }> {
    const direction = (from: number, to: number) => Prisma.sql`
      SELECT * FROM (SELECT m."id", m."senderId", m."recipientId", m."body", m."createdAt" FROM "Message" m
        ${where([Prisma.sql`m."senderId" = ${from} AND m."recipientId" = ${to}`, ...pastCursor(request, MESSAGES)])}
        ${pageOrder(request, MESSAGES)} ${limit(size + 1)}) d`;
    const rows = await this.db.$queryRaw<(MessageRow & { unread: number | bigint | null })[]>`
      SELECT m.*, (SELECT c."unread" FROM "Chat" c WHERE c."ownerId" = ${userId} AND c."otherId" = ${otherId}) AS "unread"
      FROM (${direction(userId, otherId)} UNION ALL ${direction(otherId, userId)}) m
      ${pageOrder(request, MESSAGES)} ${limit(size + 1)}`;
    return { page: toPage(rows, request, size, toMessage, cursorOf), unread: Number(rows[0]?.unread ?? 0) };
  }

  /**
   * Reads the conversation up to `newest`, the newest message its page shows (one from the other
   * person arriving meanwhile stays unread) and, when that read anything, notes it in the owner's
   * log (their other tabs update the count), in one transaction. Returns whether it read anything.
   */
  async read(ownerId: number, otherId: number, newest: Pick<Message, "id" | "createdAt">): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const read = await tx.$executeRaw`
        UPDATE "Chat" SET "unread" = (SELECT COUNT(*) FROM "Message" m
          WHERE m."senderId" = ${otherId} AND m."recipientId" = ${ownerId} AND m."createdAt" >= ${newest.createdAt} AND m."id" > ${newest.id})
        WHERE "ownerId" = ${ownerId} AND "otherId" = ${otherId} AND "unread" > 0`;
      if (read > 0) await addNotification(tx, ownerId, "read", null, new Date());
      return read > 0;
    });
  }
}

/**
 * The owner's row for the conversation: made by its first message, then moved to each newer one
 * (never back to an older one that commits later), `unread` added to what they have not read.
 */
async function touchChat(tx: Prisma.TransactionClient, ownerId: number, otherId: number, messageId: number, at: Date, unread: number): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "Chat" ("ownerId", "otherId", "lastMessageId", "lastAt", "unread") VALUES (${ownerId}, ${otherId}, ${messageId}, ${at}, ${unread})
    ON CONFLICT ("ownerId", "otherId") DO UPDATE SET
      "lastMessageId" = CASE WHEN excluded."lastMessageId" > "Chat"."lastMessageId" THEN excluded."lastMessageId" ELSE "Chat"."lastMessageId" END,
      "lastAt" = CASE WHEN excluded."lastMessageId" > "Chat"."lastMessageId" THEN excluded."lastAt" ELSE "Chat"."lastAt" END,
      "unread" = "Chat"."unread" + excluded."unread"`;
}
