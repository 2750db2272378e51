import type { Database } from "../database/client.js";
import type { TokenPurpose } from "../domain/account-token.js";
import { ConflictError } from "../domain/errors.js";
import { whileUsersExist } from "./missing-user.js";
import { revokedLinks } from "./revoked-links.js";
import { uniqueViolationFields } from "./unique-violation.js";

/** What a live link stands for: its user, and for a confirmation the address it confirms. */
export interface LinkTarget {
  userId: number;
  email: string | null;
}

/** A confirmed address, and the one it replaced (the same, for a new account's own). */
export interface Confirmed {
  userId: number;
  email: string;
  previousEmail: string;
}

/**
 * The links sent by email, kept only as hashes: one per user and purpose, so making one ends the
 * one before; using one deletes it, in the transaction that does what it was for.
 */
export class AccountTokenRepository {
  constructor(private readonly db: Database) {}

  /** Makes the user's link for `purpose`, in place of any earlier one; NotFoundError if the user has gone. */
  async replace(userId: number, purpose: TokenPurpose, hash: string, expiresAt: Date, email: string | null = null): Promise<void> {
    await whileUsersExist(
      this.db.accountToken.upsert({
        where: { userId_purpose: { userId, purpose } },
        create: { userId, purpose, hash, expiresAt, email },
        update: { hash, expiresAt, email, createdAt: new Date() },
      }),
    );
  }

  /** Takes back a link that never reached its user (its mail could not be sent). */
  async remove(hash: string): Promise<void> {
    await this.db.accountToken.deleteMany({ where: { hash } });
  }

  /** Calls off a change of address under way: the user's confirmation link for an address other than `current` goes. */
  async removeAddressChange(userId: number, current: string): Promise<void> {
    await this.db.accountToken.deleteMany({ where: { userId, purpose: "verify", email: { not: current } } });
  }

  /** The link's target while it works (not used, not expired); null otherwise. */
  async find(hash: string, purpose: TokenPurpose, now: Date): Promise<LinkTarget | null> {
    // Read on every open of a link's page: one statement of our own, as the repositories' other reads.
    const [row] = await this.db.$queryRaw<LinkTarget[]>`
      SELECT "userId", "email" FROM "AccountToken" WHERE "hash" = ${hash} AND "purpose" = ${purpose} AND "expiresAt" > ${now} LIMIT 1`;
    return row ?? null;
  }

  /** The address the user's live confirmation link is for, if they have one (read by every view of /settings). */
  async addressBeingConfirmed(userId: number, now: Date): Promise<string | null> {
    const [row] = await this.db.$queryRaw<{ email: string | null }[]>`
      SELECT "email" FROM "AccountToken" WHERE "userId" = ${userId} AND "purpose" = 'verify' AND "expiresAt" > ${now} LIMIT 1`;
    return row?.email ?? null;
  }

  /**
   * Uses up a reset link: the user's new password hash, every session of theirs ended, and their
   * address confirmed (the link reached it), in one transaction. The user's id, or null when the
   * link does not work (never did, expired, or was used a moment ago by another request).
   */
  async redeemReset(hash: string, passwordHash: string, now: Date): Promise<number | null> {
    return this.db.$transaction(async (tx) => {
      const token = await tx.accountToken.findFirst({ where: { hash, purpose: "reset", expiresAt: { gt: now } } });
      // Whoever deletes the row uses the link: of two requests at once, only one does.
      if (!token || (await tx.accountToken.deleteMany({ where: { hash } })).count !== 1) return null;
      await tx.user.update({ where: { id: token.userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
      await tx.user.updateMany({ where: { id: token.userId, emailVerifiedAt: null }, data: { emailVerifiedAt: now } });
      await tx.$executeRaw(revokedLinks(token.userId));
      return token.userId;
    });
  }

  /**
   * Uses up a confirmation link: its address becomes the user's, confirmed, in one transaction.
   * Null when the link does not work; ConflictError("email") when another account has taken the
   * address since (the link is then left as it was).
   */
  async redeemConfirmation(hash: string, now: Date): Promise<Confirmed | null> {
    try {
      return await this.db.$transaction(async (tx) => {
        const token = await tx.accountToken.findFirst({ where: { hash, purpose: "verify", expiresAt: { gt: now } } });
        if (!token?.email || (await tx.accountToken.deleteMany({ where: { hash } })).count !== 1) return null;
        const before = await tx.user.findUniqueOrThrow({ where: { id: token.userId }, select: { email: true } });
        await tx.user.update({ where: { id: token.userId }, data: { email: token.email, emailVerifiedAt: now } });
        // A reset link went to the old address: it no longer speaks for the account.
        await tx.accountToken.deleteMany({ where: { userId: token.userId, purpose: "reset" } });
        return { userId: token.userId, email: token.email, previousEmail: before.email };
      });
    } catch (error) {
      if (uniqueViolationFields(error)?.includes("email")) throw new ConflictError("email");
      throw error;
    }
  }
}
