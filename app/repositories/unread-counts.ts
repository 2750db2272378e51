import { LISTED_KINDS, MOST_UNREAD_COUNTED } from "../domain/notification.js";
import { Prisma } from "../generated/prisma/client.js";
import { limit } from "./keyset.js";

// The counts beside "Messages" and "Notifications", of the user aliased `u`: read with the session's
// user on every page, and with each piece of notification news.

/** Messages received after the newest they have seen on /messages. */
export const UNREAD_MESSAGES = Prisma.sql`(SELECT COUNT(*) FROM "Message" m WHERE m."recipientId" = u."id" AND m."id" > u."lastReadMessageId")`;

/**
 * Notifications the page lists, after the newest they have seen there: counted from the log's key,
 * and no further than a badge shows.
 */
export const UNREAD_NOTIFICATIONS = Prisma.sql`(SELECT COUNT(*) FROM (
  SELECT 1 FROM "Notification" un WHERE un."userId" = u."id" AND un."seq" > u."notificationsReadSeq" AND un."kind" IN (${Prisma.join(LISTED_KINDS)})
  ${limit(MOST_UNREAD_COUNTED)}) unread)`;
