-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    "editedAt" DATETIME,
    "repostOfId" INTEGER,
    "repostCount" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Post_replyToId_fkey" FOREIGN KEY ("replyToId") REFERENCES "Post" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Post_replyToAuthorId_fkey" FOREIGN KEY ("replyToAuthorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Post_repostOfId_fkey" FOREIGN KEY ("repostOfId") REFERENCES "Post" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Post" ("authorId", "body", "createdAt", "deletedAt", "editedAt", "id", "likeCount", "mentions", "replyCount", "replyToAuthorId", "replyToId") SELECT "authorId", "body", "createdAt", "deletedAt", "editedAt", "id", "likeCount", "mentions", "replyCount", "replyToAuthorId", "replyToId" FROM "Post";
DROP TABLE "Post";
ALTER TABLE "new_Post" RENAME TO "Post";
CREATE INDEX "Post_createdAt_id_idx" ON "Post"("createdAt", "id");
CREATE INDEX "Post_authorId_createdAt_id_replyToAuthorId_deletedAt_idx" ON "Post"("authorId", "createdAt", "id", "replyToAuthorId", "deletedAt");
CREATE INDEX "Post_replyToId_createdAt_id_idx" ON "Post"("replyToId", "createdAt", "id");
CREATE INDEX "Post_replyToAuthorId_idx" ON "Post"("replyToAuthorId");
CREATE INDEX "Post_repostOfId_createdAt_authorId_idx" ON "Post"("repostOfId", "createdAt", "authorId");
CREATE UNIQUE INDEX "Post_authorId_repostOfId_key" ON "Post"("authorId", "repostOfId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
