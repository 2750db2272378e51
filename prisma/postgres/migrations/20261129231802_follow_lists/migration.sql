-- DropIndex
DROP INDEX "Follow_followedId_followerId_idx";

-- CreateIndex
CREATE INDEX "Follow_followedId_createdAt_followerId_idx" ON "Follow"("followedId", "createdAt", "followerId");

-- CreateIndex
CREATE INDEX "Follow_followerId_createdAt_followedId_idx" ON "Follow"("followerId", "createdAt", "followedId");
