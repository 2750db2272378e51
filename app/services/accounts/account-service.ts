import { BusyError, ConflictError, ValidationError, type FieldErrors } from "../../domain/errors.js";
import { createUser, editProfile, newPassword, type PasswordChangeForm, type ProfileForm, type RegistrationForm, type User } from "../../domain/user.js";
import type { NotificationRepository } from "../../repositories/notification-repository.js";
import type { UserRepository } from "../../repositories/user-repository.js";
import type { PasswordAttempts, Asker } from "../limits/password-attempts.js";
import type { PasswordHasher } from "./password-hasher.js";
import type { RecentUsers } from "./recent-users.js";

const GONE = "This account no longer exists.";
/** What a form says once an account's wrong passwords have reached their limit. */
const TOO_MANY_WRONG = "Too many wrong passwords.";
const TOO_MANY_SIGN_INS = "Too many failed sign-ins.";

const TAKEN: FieldErrors = {
  username: "That username is taken. Please choose another.",
  email: "That email address is already registered.",
};

export class AccountService {
  constructor(
    private readonly users: UserRepository,
    private readonly passwords: PasswordHasher,
    private readonly attempts: PasswordAttempts,
    private readonly recentUsers: RecentUsers,
    private readonly news: NotificationRepository,
  ) {}

  /**
   * Ends every session of the user, this one and any copy of its cookie included: this process
   * forgets who they were at once, and the news tells every other process to forget them too.
   */
  async endSessions(userId: number): Promise<void> {
    await this.users.endSessions(userId);
    await this.forget(userId);
  }

  /**
   * Changes the password of a user who proves the current one, and ends every session they had
   * (the caller starts a new one for this device with the user returned, and marks the device
   * anew: the marks made under the old password end with it). ValidationError names each bad
   * field: a wrong current password too.
   */
  async changePassword(userId: number, form: PasswordChangeForm, asker: Asker): Promise<Pick<User, "id" | "sessionVersion" | "passwordHash">> {
    const password = newPassword(form);
    const user = await this.prove(userId, form.currentPassword, "current_password", asker);
    const passwordHash = await this.passwords.hash(password);
    const sessionVersion = await this.users.changePassword(user.id, passwordHash);
    if (sessionVersion === undefined) throw new ValidationError({ current_password: GONE });
    await this.forget(userId);
    return { id: user.id, sessionVersion, passwordHash };
  }

  /**
   * Deletes the account of a user who proves their password, with everything that hangs on it;
   * the name is free at once. ValidationError on `password` for a wrong one.
   */
  async deleteAccount(userId: number, password: string, asker: Asker): Promise<void> {
    const user = await this.prove(userId, password, "password", asker);
    await this.users.delete(user.id);
    await this.forget(userId);
  }

  /**
   * The user, if `password` is theirs; ValidationError on `field` otherwise, and RefusedError (429)
   * once `asker` has tried too many wrong ones: a stolen session cannot be used to guess the password.
   */
  async prove(userId: number, password: string, field: string, asker: Asker): Promise<User> {
    const user = await this.users.findById(userId);
    if (!user) throw new ValidationError({ [field]: GONE });
    this.passwords.refuseWhenFull();
    const refusal = { field, tooMany: TOO_MANY_WRONG };
    const claimed = { userId, credential: user.passwordHash };
    if (!(await this.attempts.check(claimed, asker, refusal, () => this.passwords.verify(user.passwordHash, password)))) {
      throw new ValidationError({ [field]: "That is not your password." });
    }
    return user;
  }

  /** What this process remembers of the user goes, and the news tells every other process to forget them too. */
  async forget(userId: number): Promise<void> {
    this.recentUsers.forget(userId);
    await this.news.announce(userId);
  }

  /** Creates an account; throws ValidationError with a message per bad or taken field. */
  async register(form: RegistrationForm): Promise<User> {
    const draft = createUser(form);
    const [byName, byEmail] = await Promise.all([
      this.users.findByUsername(draft.username),
      this.users.findByEmail(draft.email),
    ]);
    const taken: FieldErrors = {};
    if (byName) taken.username = TAKEN.username!;
    if (byEmail) taken.email = TAKEN.email!;
    if (Object.keys(taken).length > 0) throw new ValidationError(taken);

    const passwordHash = await this.passwords.hash(draft.password);
    try {
      return await this.users.add({ username: draft.username, email: draft.email, passwordHash });
    } catch (error) {
      // Another registration took the name or address while we were hashing.
      if (error instanceof ConflictError) throw new ValidationError({ [error.field]: TAKEN[error.field]! });
      throw error;
    }
  }

  /**
   * The user whose credentials these are (with the password hash they now have), or null; takes
   * about as long either way. RefusedError (429, on `password`) once too many wrong passwords have
   * been tried (PasswordAttempts); BusyError when too many passwords are being checked already.
   */
  async authenticate(username: string, password: string, asker: Asker): Promise<User | null> {
    const user = await this.users.findByUsername(username.trim());
    // Refused before anything is counted or written: under a flood, a refusal must cost little.
    this.passwords.refuseWhenFull();
    const refusal = { field: "password", tooMany: TOO_MANY_SIGN_INS };
    if (!user) {
      await this.attempts.check({ name: username }, asker, refusal, async () => {
        await this.passwords.verifyNothing(password);
        return false;
      });
      return null;
    }
    const outdated = this.passwords.isOutdated(user.passwordHash);
    const right = await this.attempts.check({ userId: user.id, credential: user.passwordHash }, asker, refusal, async () => {
      if (await this.passwords.verify(user.passwordHash, password)) return true;
      // A hash made with older, cheaper costs is quick to refuse: the time of a today's hash is
      // spent as well, so a dormant account cannot be told from a name no one has.
      if (outdated) await this.passwords.verifyNothing(password);
      return false;
    });
    if (!right) return null;
    return outdated ? this.rehashed(user, password) : user;
  }

  /**
   * The one moment the password is known: a hash made with older costs is made again with today's.
   * At best: when it cannot be made now (too many hashes under way), the sign-in goes ahead and it
   * is made at a later one.
   */
  private async rehashed(user: User, password: string): Promise<User> {
    try {
      const passwordHash = await this.passwords.hash(password);
      await this.users.updatePasswordHash(user.id, passwordHash);
      return { ...user, passwordHash };
    } catch (error) {
      if (error instanceof BusyError) return user;
      throw error;
    }
  }

  /**
   * Changes a user's name and about me; throws ValidationError for a bad field or a name someone
   * else holds (also when they took it a moment ago). Posts and follows hang on the id, so they stay.
   */
  async updateProfile(userId: number, form: ProfileForm): Promise<User> {
    const profile = editProfile(form);
    const holder = await this.users.findByUsername(profile.username);
    if (holder && holder.id !== userId) throw new ValidationError({ username: TAKEN.username! });
    try {
      return await this.users.updateProfile(userId, profile);
    } catch (error) {
      if (error instanceof ConflictError) throw new ValidationError({ username: TAKEN.username! });
      throw error;
    }
  }

  async findById(id: number): Promise<User | null> {
    return this.users.findById(id);
  }
}
