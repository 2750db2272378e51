-- DropIndex
DROP INDEX "Message_senderId_createdAt_id_idx";

-- DropIndex
DROP INDEX "Message_recipientId_createdAt_id_idx";

-- CreateTable
CREATE TABLE "Chat" (
    "ownerId" INTEGER NOT NULL,
    "otherId" INTEGER NOT NULL,
    "lastMessageId" INTEGER NOT NULL,
    "lastAt" DATETIME NOT NULL,
    "unread" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("ownerId", "otherId"),
    CONSTRAINT "Chat_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Chat_otherId_fkey" FOREIGN KEY ("otherId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Each person's conversations from the messages already there: the newest message between two
-- people either way, and as unread what arrived after the newest message the person had read.
INSERT INTO "Chat" ("ownerId", "otherId", "lastMessageId", "lastAt", "unread")
SELECT pair."ownerId", pair."otherId", m."id", m."createdAt",
       (SELECT COUNT(*) FROM "Message" r JOIN "User" o ON o."id" = r."recipientId"
        WHERE r."recipientId" = pair."ownerId" AND r."senderId" = pair."otherId" AND r."id" > o."lastReadMessageId")
FROM (SELECT "ownerId", "otherId", MAX("id") AS "lastId"
      FROM (SELECT "senderId" AS "ownerId", "recipientId" AS "otherId", "id" FROM "Message"
            UNION ALL SELECT "recipientId", "senderId", "id" FROM "Message") ends
      GROUP BY "ownerId", "otherId") pair
JOIN "Message" m ON m."id" = pair."lastId";

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "username" TEXT NOT NULL,
    "usernameKey" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "aboutMe" TEXT NOT NULL DEFAULT '',
    "lastSeen" DATETIME,
    "postCount" INTEGER NOT NULL DEFAULT 0,
    "notificationSeq" INTEGER NOT NULL DEFAULT 0,
    "notificationsReadSeq" INTEGER NOT NULL DEFAULT 0,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "emailVerifiedAt" DATETIME
);
INSERT INTO "new_User" ("aboutMe", "createdAt", "email", "emailVerifiedAt", "id", "lastSeen", "notificationSeq", "notificationsReadSeq", "passwordHash", "postCount", "sessionVersion", "username", "usernameKey") SELECT "aboutMe", "createdAt", "email", "emailVerifiedAt", "id", "lastSeen", "notificationSeq", "notificationsReadSeq", "passwordHash", "postCount", "sessionVersion", "username", "usernameKey" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_usernameKey_key" ON "User"("usernameKey");
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Chat_ownerId_lastAt_otherId_idx" ON "Chat"("ownerId", "lastAt", "otherId");

-- CreateIndex
CREATE INDEX "Chat_ownerId_unread_idx" ON "Chat"("ownerId", "unread");

-- CreateIndex
CREATE INDEX "Chat_otherId_idx" ON "Chat"("otherId");

-- CreateIndex
CREATE INDEX "Message_senderId_recipientId_createdAt_id_idx" ON "Message"("senderId", "recipientId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Message_recipientId_idx" ON "Message"("recipientId");

