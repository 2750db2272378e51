import { LinkNotValid, newToken, TOKEN_LIFETIME_MS, tokenHash } from "../../domain/account-token.js";
import { emailAddress, resetPassword, type NewPasswordForm } from "../../domain/user.js";
import { passwordResetMail } from "../../mail/account-mails.js";
import type { Mailer } from "../../mail/mailer.js";
import type { AccountTokenRepository } from "../../repositories/account-token-repository.js";
import type { UserRepository } from "../../repositories/user-repository.js";
import type { AccountService } from "./account-service.js";
import type { ActionLimits } from "../limits/action-limits.js";
import type { PasswordHasher } from "./password-hasher.js";

/**
 * "Forgot your password?": a link by email to the account's address, which sets a new password
 * once, within 30 minutes, and logs out every session of the account.
 */
export class PasswordResets {
  constructor(
    private readonly users: UserRepository,
    private readonly tokens: AccountTokenRepository,
    private readonly passwords: PasswordHasher,
    private readonly accounts: AccountService,
    private readonly mailer: Mailer,
    private readonly limits: ActionLimits,
    private readonly publicUrl: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Asks for a reset link for `rawEmail`: checks the limits, the same work whatever the address, and
   * returns the rest of the work for the caller to run once it has answered (the same answer either
   * way): finding the account and mailing it a link, which only an address with an account costs,
   * so an answer that waited for it would tell which addresses have one. ValidationError for what
   * cannot be an address; RefusedError (429) past the limit for the asking address.
   */
  async request(rawEmail: string, requester: string): Promise<() => Promise<void>> {
    const email = emailAddress(rawEmail);
    await this.limits.within("resetRequest", `ip:${requester}`, "email", "Too many reset emails asked for.");
    // Past the limit for one address, asking again sends nothing more: the newest link sent still
    // works, and no one can lock its owner out, or fill their inbox, by asking in their name.
    if ((await this.limits.take("resetRequest", `email:${email}`)) > 0) return async () => {};
    return () => this.sendLink(email);
  }

  /** Mails a reset link to the account with address `email`, if there is one; a link whose mail could not be sent is taken back (the mailer has logged why). */
  private async sendLink(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (!user) return;
    const { secret, hash } = newToken();
    await this.tokens.replace(user.id, "reset", hash, new Date(this.now().getTime() + TOKEN_LIFETIME_MS.reset));
    const sent = await this.mailer.send(passwordResetMail(user.email, user.username, `${this.publicUrl}/reset_password/${secret}`));
    if (!sent) await this.tokens.remove(hash);
  }

  /** Throws LinkNotValid unless `secret` is a reset link that still works. */
  async check(secret: string): Promise<void> {
    const hash = tokenHash(secret);
    if (!hash || !(await this.tokens.find(hash, "reset", this.now()))) throw new LinkNotValid();
  }

  /**
   * Sets the new password of the link's account and ends every session of it; the link is used
   * up. Returns the account and its new password hash: whoever opened the link has the account's
   * mail, and their browser may be marked as the account's own. ValidationError for a bad password
   * (the link still works); LinkNotValid when it does not.
   */
  async reset(secret: string, form: NewPasswordForm): Promise<{ userId: number; passwordHash: string }> {
    const password = resetPassword(form);
    await this.check(secret);
    const passwordHash = await this.passwords.hash(password);
    const userId = await this.tokens.redeemReset(tokenHash(secret)!, passwordHash, this.now());
    if (userId === null) throw new LinkNotValid();
    await this.accounts.forget(userId);
    return { userId, passwordHash };
  }
}
