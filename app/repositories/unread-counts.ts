import { LISTED_KINDS, MOST_UNREAD_COUNTED } from "../domain/notification.js";
import { Prisma } from "../generated/prisma/client.js";
import { limit } from "./keyset.js";

// The counts beside "Messages" and "Notifications", of the user aliased `u`: read with the session's
// user on every page, and with each piece of notification news.

/**
 * Messages received since each conversation was last opened, summed over the conversations with
 * any (the Chat rows' own counts), no more of them than a badge shows.
 */
export const UNREAD_MESSAGES = Prisma.sql`(SELECT COALESCE(SUM(c."unread"), 0) FROM (
  SELECT uc."unread" FROM "Chat" uc WHERE uc."ownerId" = u."id" AND uc."unread" > 0 ${limit(MOST_UNREAD_COUNTED)}) c)`;

/**
 * Notifications the page lists, after the newest they have seen there: counted from the log's key,
 * and no further than a badge shows.
 */
export const UNREAD_NOTIFICATIONS = Prisma.sql`(SELECT COUNT(*) FROM (
  SELECT 1 FROM "Notification" un WHERE un."userId" = u."id" AND un."seq" > u."notificationsReadSeq" AND un."kind" IN (${Prisma.join(LISTED_KINDS)})
  ${limit(MOST_UNREAD_COUNTED)}) unread)`;
