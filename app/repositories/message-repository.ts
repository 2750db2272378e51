import type { Database } from "../database/client.js";
import type { Mailbox, MailboxMessage, Message, NewMessage } from "../domain/message.js";
import { cursorOf, type Page, type PageRequest } from "../domain/page.js";
import { Prisma } from "../generated/prisma/client.js";
import { toMailboxMessage, toMessage, toMessageCreate, type MailboxRow } from "../mappers/message-mapper.js";
import { addNotification, markReadUpTo } from "./notification-repository.js";
import { limit, pageOrder, pastCursor, toPage, where } from "./keyset.js";
import { whileUsersExist } from "./missing-user.js";

const ORDER = { time: Prisma.sql`m."createdAt"`, id: Prisma.sql`m."id"` };

/**
 * A mailbox reads one user's messages along the (that user, createdAt, id) index and joins the other
 * person: the column naming the mailbox's owner, and the one naming the other person.
 */
const MAILBOXES = {
  received: { owner: Prisma.sql`m."recipientId"`, other: Prisma.sql`m."senderId"` },
  sent: { owner: Prisma.sql`m."senderId"`, other: Prisma.sql`m."recipientId"` },
} satisfies Record<Mailbox, { owner: Prisma.Sql; other: Prisma.Sql }>;

/** Private messages and what each user has read of them. The same SQL on both databases. */
export class MessageRepository {
  constructor(private readonly db: Database) {}

  /** Adds the message and notifies its recipient, in one transaction; NotFoundError if either person has gone. */
  async add(message: NewMessage): Promise<Message> {
    return whileUsersExist(
      this.db.$transaction(async (tx) => {
        const row = await tx.message.create({ data: toMessageCreate(message) });
        await addNotification(tx, message.recipientId, "message", message.senderId, row.createdAt);
        return toMessage(row);
      }),
    );
  }

  /** A page of a user's received or sent messages, newest first, with the other person: one statement. */
  async mailbox(box: Mailbox, userId: number, request: PageRequest, size: number): Promise<Page<MailboxMessage>> {
    const { owner, other } = MAILBOXES[box];
    const rows = await this.db.$queryRaw<MailboxRow[]>`
      SELECT m."id", m."senderId", m."recipientId", m."body", m."createdAt", u."id" AS "otherId", u."username" AS "otherUsername"
      FROM "Message" m JOIN "User" u ON u."id" = ${other}
      ${where([Prisma.sql`${owner} = ${userId}`, ...pastCursor(request, ORDER)])} ${pageOrder(request, ORDER)} ${limit(size + 1)}`;
    return toPage(rows, request, size, toMailboxMessage, cursorOf);
  }

  /** Marks every received message up to `messageId` as read, as notification-repository's markReadUpTo says. */
  async markReadUpTo(userId: number, messageId: number): Promise<boolean> {
    return markReadUpTo(this.db, userId, "lastReadMessageId", messageId);
  }
}
