-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "postId" INTEGER;

-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "mentions" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "notificationsReadSeq" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_seq_idx" ON "Notification"("userId", "createdAt", "seq");

-- CreateIndex
CREATE INDEX "Notification_postId_idx" ON "Notification"("postId");

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- What came before this page counts as seen: no one finds old follows announced as new.
UPDATE "User" SET "notificationsReadSeq" = "notificationSeq";
