-- CreateIndex
CREATE INDEX "Notification_actorId_idx" ON "Notification"("actorId");
