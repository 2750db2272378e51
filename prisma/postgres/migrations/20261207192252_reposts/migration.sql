-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "repostCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "repostOfId" INTEGER;

-- CreateIndex
CREATE INDEX "Post_repostOfId_createdAt_authorId_idx" ON "Post"("repostOfId", "createdAt", "authorId");

-- CreateIndex
CREATE UNIQUE INDEX "Post_authorId_repostOfId_key" ON "Post"("authorId", "repostOfId");

-- AddForeignKey
ALTER TABLE "Post" ADD CONSTRAINT "Post_repostOfId_fkey" FOREIGN KEY ("repostOfId") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;
