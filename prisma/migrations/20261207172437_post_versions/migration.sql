-- AlterTable
ALTER TABLE "Post" ADD COLUMN "editedAt" DATETIME;

-- CreateTable
CREATE TABLE "PostVersion" (
    "postId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "writtenAt" DATETIME NOT NULL,

    PRIMARY KEY ("postId", "version"),
    CONSTRAINT "PostVersion_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
