import { Prisma } from "../generated/prisma/client.js";

/**
 * The unread count of the user aliased `u`: messages received after the newest they have seen on
 * /messages. Read with the session's user, and with each piece of notification news.
 */
export const UNREAD_MESSAGES = Prisma.sql`(SELECT COUNT(*) FROM "Message" m WHERE m."recipientId" = u."id" AND m."id" > u."lastReadMessageId")`;
