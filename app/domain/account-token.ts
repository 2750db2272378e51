import { createHash, randomBytes } from "node:crypto";

/** What an emailed link is for: a new password, or confirming an email address. */
export type TokenPurpose = "reset" | "verify";

/** How long a link works: a reset is asked for by someone at the keyboard now; a new account may wait for a day off. */
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = { reset: 30 * 60_000, verify: 48 * 60 * 60_000 };

const SECRET_BYTES = 32;
// 32 bytes in base64url: 43 characters of A-Z, a-z, 0-9, "-" and "_".
const SECRET_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The secret that goes into the emailed link, and its hash, the only form the database keeps. */
export function newToken(): { secret: string; hash: string } {
  const secret = randomBytes(SECRET_BYTES).toString("base64url");
  return { secret, hash: hashOf(secret) };
}

/** The hash a link's secret is kept under; undefined for anything that cannot be one of ours. */
export function tokenHash(secret: string): string | undefined {
  return SECRET_SHAPE.test(secret) ? hashOf(secret) : undefined;
}

// A secret of 256 random bits needs no slow hash: nothing can be guessed from its SHA-256.
const hashOf = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** A link that does not work (any more): used, expired, replaced, or never one of ours. */
export class LinkNotValid extends Error {
  override name = "LinkNotValid";
}
