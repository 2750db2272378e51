import { Prisma } from "../generated/prisma/client.js";

/**
 * Deletes the links that must not outlive the end of a user's sessions: a reset link (whoever has
 * it could set the password just changed) and a link to make another address theirs (whoever
 * started that change may have been the one logged out). A link confirming the address they
 * already have stays: it can only confirm what is theirs.
 */
export const revokedLinks = (userId: number) => Prisma.sql`
  DELETE FROM "AccountToken" WHERE "userId" = ${userId}
    AND ("purpose" = 'reset' OR "email" IS NULL OR "email" <> (SELECT "email" FROM "User" WHERE "id" = ${userId}))`;
