import type { RegistrationForm, User } from "../domain/user.js";
import type { AccountService } from "./account-service.js";
import type { ActionLimits } from "./action-limits.js";
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
   * account is made either way). Every attempt from `requester` counts towards the limit:
   * RefusedError (429) past it, ValidationError for a bad or taken field.
   */
  async register(form: RegistrationForm, requester: string): Promise<{ user: User; mailed: boolean }> {
    await this.limits.within("register", `ip:${requester}`, "username", "Too many accounts made from here.");
    const user = await this.accounts.register(form);
    return { user, mailed: await this.confirmations.send(user) };
  }
}
