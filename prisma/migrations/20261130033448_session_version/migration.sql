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
    "lastReadMessageId" INTEGER NOT NULL DEFAULT 0,
    "notificationSeq" INTEGER NOT NULL DEFAULT 0,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_User" ("aboutMe", "createdAt", "email", "id", "lastReadMessageId", "lastSeen", "notificationSeq", "passwordHash", "postCount", "username", "usernameKey") SELECT "aboutMe", "createdAt", "email", "id", "lastReadMessageId", "lastSeen", "notificationSeq", "passwordHash", "postCount", "username", "usernameKey" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_usernameKey_key" ON "User"("usernameKey");
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
