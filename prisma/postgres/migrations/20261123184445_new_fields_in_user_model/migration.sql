-- AlterTable
ALTER TABLE "User" ADD COLUMN     "aboutMe" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "lastSeen" TIMESTAMP(3);
