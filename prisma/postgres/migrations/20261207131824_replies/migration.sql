-- DropIndex
DROP INDEX "Post_authorId_createdAt_id_idx";

-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "deletedAt" TIMESTAMP(3),
ADD COLUMN     "replyCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "replyToAuthorId" INTEGER,
ADD COLUMN     "replyToId" INTEGER;

-- CreateIndex
CREATE INDEX "Post_authorId_createdAt_id_replyToAuthorId_deletedAt_idx" ON "Post"("authorId", "createdAt", "id", "replyToAuthorId", "deletedAt");

-- CreateIndex
CREATE INDEX "Post_replyToId_createdAt_id_idx" ON "Post"("replyToId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Post_replyToAuthorId_idx" ON "Post"("replyToAuthorId");

-- AddForeignKey
ALTER TABLE "Post" ADD CONSTRAINT "Post_replyToId_fkey" FOREIGN KEY ("replyToId") REFERENCES "Post"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Post" ADD CONSTRAINT "Post_replyToAuthorId_fkey" FOREIGN KEY ("replyToAuthorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
