-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "period" INTEGER NOT NULL,
    "hits" INTEGER NOT NULL
);
