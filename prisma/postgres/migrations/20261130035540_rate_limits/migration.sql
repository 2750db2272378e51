-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "period" INTEGER NOT NULL,
    "hits" INTEGER NOT NULL,

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);
