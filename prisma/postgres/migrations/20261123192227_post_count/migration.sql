-- AlterTable
ALTER TABLE "User" ADD COLUMN     "postCount" INTEGER NOT NULL DEFAULT 0;

-- Count the posts already there.
UPDATE "User" SET "postCount" = (SELECT COUNT(*) FROM "Post" WHERE "Post"."authorId" = "User"."id");
