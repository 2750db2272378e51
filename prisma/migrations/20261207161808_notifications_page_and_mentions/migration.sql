-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Notification" (
    "userId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "actorId" INTEGER,
    "postId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "seq"),
    CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Notification_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Notification_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Notification" ("actorId", "createdAt", "kind", "seq", "userId") SELECT "actorId", "createdAt", "kind", "seq", "userId" FROM "Notification";
DROP TABLE "Notification";
ALTER TABLE "new_Notification" RENAME TO "Notification";
CREATE INDEX "Notification_userId_createdAt_seq_idx" ON "Notification"("userId", "createdAt", "seq");
CREATE INDEX "Notification_actorId_idx" ON "Notification"("actorId");
CREATE INDEX "Notification_postId_idx" ON "Notification"("postId");
CREATE TABLE "new_Post" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "authorId" INTEGER NOT NULL,
    "replyToId" INTEGER,
    "replyToAuthorId" INTEGER,
    "replyCount" INTEGER NOT NULL DEFAULT 0,
    "likeCount" INTEGER NOT NULL DEFAULT 0,
    "deletedAt" DATETIME,
    "mentions" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Post_replyToId_fkey" FOREIGN KEY ("replyToId") REFERENCES "Post" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Post_replyToAuthorId_fkey" FOREIGN KEY ("replyToAuthorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Post" ("authorId", "body", "createdAt", "deletedAt", "id", "likeCount", "replyCount", "replyToAuthorId", "replyToId") SELECT "authorId", "body", "createdAt", "deletedAt", "id", "likeCount", "replyCount", "replyToAuthorId", "replyToId" FROM "Post";
DROP TABLE "Post";
ALTER TABLE "new_Post" RENAME TO "Post";
CREATE INDEX "Post_createdAt_id_idx" ON "Post"("createdAt", "id");
CREATE INDEX "Post_authorId_createdAt_id_replyToAuthorId_deletedAt_idx" ON "Post"("authorId", "createdAt", "id", "replyToAuthorId", "deletedAt");
CREATE INDEX "Post_replyToId_createdAt_id_idx" ON "Post"("replyToId", "createdAt", "id");
CREATE INDEX "Post_replyToAuthorId_idx" ON "Post"("replyToAuthorId");
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
    "lastReadMessageId" INTEGER NOT NULL DEFAULT 0,
    "notificationSeq" INTEGER NOT NULL DEFAULT 0,
    "notificationsReadSeq" INTEGER NOT NULL DEFAULT 0,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "emailVerifiedAt" DATETIME
);
INSERT INTO "new_User" ("aboutMe", "createdAt", "email", "emailVerifiedAt", "id", "lastReadMessageId", "lastSeen", "notificationSeq", "passwordHash", "postCount", "sessionVersion", "username", "usernameKey") SELECT "aboutMe", "createdAt", "email", "emailVerifiedAt", "id", "lastReadMessageId", "lastSeen", "notificationSeq", "passwordHash", "postCount", "sessionVersion", "username", "usernameKey" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_usernameKey_key" ON "User"("usernameKey");
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- What came before this page counts as seen: no one finds old follows announced as new.
UPDATE "User" SET "notificationsReadSeq" = "notificationSeq";
