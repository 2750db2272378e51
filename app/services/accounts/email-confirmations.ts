import { LinkNotValid, newToken, TOKEN_LIFETIME_MS, tokenHash } from "../../domain/account-token.js";
import { ConflictError, ValidationError } from "../../domain/errors.js";
import { emailAddress, type SessionUser, type User } from "../../domain/user.js";
import { addressChangedMail, confirmAddressMail } from "../../mail/account-mails.js";
import type { Mailer } from "../../mail/mailer.js";
import type { AccountTokenRepository, Confirmed } from "../../repositories/account-token-repository.js";
import type { UserRepository } from "../../repositories/user-repository.js";
import type { AccountService } from "./account-service.js";
import type { ActionLimits } from "../limits/action-limits.js";
import type { Asker } from "../limits/password-attempts.js";

const TAKEN = "That email address is already registered.";

/**
 * Confirming that an address is the user's, by a link sent to it: a new account's (until then
 * the user may read but not post or send messages), or the one an account changes to (which
 * becomes the account's only when confirmed).
 */
export class EmailConfirmations {
  constructor(
    private readonly users: UserRepository,
    private readonly tokens: AccountTokenRepository,
    private readonly accounts: AccountService,
    private readonly mailer: Mailer,
    private readonly limits: ActionLimits,
    private readonly publicUrl: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Sends `user` a link that confirms `email` (their own by default), in place of any earlier link; false if the mail could not be sent. */
  async send(user: Pick<User, "id" | "username" | "email">, email = user.email): Promise<boolean> {
    const { secret, hash } = newToken();
    await this.tokens.replace(user.id, "verify", hash, new Date(this.now().getTime() + TOKEN_LIFETIME_MS.verify), email);
    const link = `${this.publicUrl}/verify_email/${secret}`;
    const sent = await this.mailer.send(confirmAddressMail(email, user.username, link, email !== user.email));
    // A link that never went out is not left behind.
    if (!sent) await this.tokens.remove(hash);
    return sent;
  }

  /** The banner's "send it again": RefusedError (429) past the limit; false if the mail could not be sent. */
  async resend(user: SessionUser): Promise<boolean> {
    const changingTo = await this.addressBeingConfirmed(user);
    if (user.emailVerified && changingTo === null) throw new ValidationError({ email: "Your email address is already confirmed." });
    await this.limited(user.id, "email");
    return this.send(user, changingTo ?? user.email);
  }

  /**
   * Starts a change of the user's address, proven by their password: the new address gets a link,
   * and becomes theirs when it is opened. ValidationError beside `email` or `password`; RefusedError
   * past the limit. False if the mail could not be sent.
   */
  async changeEmail(userId: number, form: { email: string; password: string }, asker: Asker): Promise<"sent" | "not sent" | "kept"> {
    const email = emailAddress(form.email);
    const user = await this.accounts.prove(userId, form.password, "password", asker);
    if (email === user.email) {
      // Back to the address they have: a change under way (a typo, say) is called off.
      if ((await this.addressBeingConfirmed(user)) === null) throw new ValidationError({ email: "That is already your address." });
      await this.tokens.removeAddressChange(user.id, user.email);
      return "kept";
    }
    // Counted before anything about other accounts is said, so addresses cannot be tried at will.
    await this.limited(userId, "email");
    if (await this.users.findByEmail(email)) throw new ValidationError({ email: TAKEN });
    return (await this.send(user, email)) ? "sent" : "not sent";
  }

  /** Throws LinkNotValid unless `secret` is a confirmation link that still works; the address it confirms. */
  async check(secret: string): Promise<string> {
    const hash = tokenHash(secret);
    const target = hash ? await this.tokens.find(hash, "verify", this.now()) : null;
    if (!target?.email) throw new LinkNotValid();
    return target.email;
  }

  /** The address the user's live link would make theirs, when it is not already theirs. */
  async addressBeingConfirmed(user: Pick<User, "id" | "email">): Promise<string | null> {
    const email = await this.tokens.addressBeingConfirmed(user.id, this.now());
    return email !== null && email !== user.email ? email : null;
  }

  /**
   * Opens a link: its address becomes the user's, confirmed. LinkNotValid when it does not work;
   * ValidationError when another account has taken the address since it was sent.
   */
  async confirm(secret: string): Promise<Confirmed> {
    const hash = tokenHash(secret);
    if (!hash) throw new LinkNotValid();
    let confirmed: Confirmed | null;
    try {
      confirmed = await this.tokens.redeemConfirmation(hash, this.now());
    } catch (error) {
      if (error instanceof ConflictError) throw new ValidationError({ email: `${TAKEN} Choose another address in your settings.` });
      throw error;
    }
    if (!confirmed) throw new LinkNotValid();
    // Every process shows the new address and lets the user post from their next request.
    await this.accounts.forget(confirmed.userId);
    if (confirmed.previousEmail !== confirmed.email) {
      // The address the account had is told, in case it was not its owner who changed it.
      const user = await this.users.findById(confirmed.userId);
      if (user) await this.mailer.send(addressChangedMail(confirmed.previousEmail, user.username, confirmed.email, `${this.publicUrl}/settings`));
    }
    return confirmed;
  }

  private async limited(userId: number, field: string): Promise<void> {
    await this.limits.within("accountEmail", `user:${userId}`, field, "Too many emails asked for.");
  }
}
