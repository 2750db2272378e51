import type { RegistrationForm, User } from "../../domain/user.js";
import type { AccountService } from "./account-service.js";
import type { ActionLimits } from "../limits/action-limits.js";
import type { EmailConfirmations } from "./email-confirmations.js";

/** Signing up: a new account, within the limit per address, and the mail that confirms its address. */
export class Registrations {
  constructor(
    private readonly accounts: AccountService,
    private readonly confirmations: EmailConfirmations,
    private readonly limits: ActionLimits,
  ) {}

  /**
   * Makes the account and mails its confirmation link; `mailed` says whether the mail went (the
   * account is made either way). Two limits per address `requester`: the accounts made, and (far
   * higher) the forms sent, refused ones too, so a typo or a taken name never counts as an account
   * while guessing names in a loop is still slowed. RefusedError (429) past either,
   * ValidationError for a bad or taken field.
   */
  async register(form: RegistrationForm, requester: string): Promise<{ user: User; mailed: boolean }> {
    const subject = `ip:${requester}`;
    await this.limits.within("registerAttempt", subject, "username", "Too many sign-up forms sent from here.");
    const user = await this.limits.counting("register", subject, "username", "Too many accounts made from here.", () => this.accounts.register(form));
    return { user, mailed: await this.confirmations.send(user) };
  }
}
