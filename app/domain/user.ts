import { ValidationError, type FieldErrors } from "./errors.js";
import { characterCount, isBlank, normaliseText } from "./text.js";

export const USERNAME_MIN_LENGTH = 3;
export const USERNAME_MAX_LENGTH = 64;
export const EMAIL_MAX_LENGTH = 120;
export const PASSWORD_MIN_LENGTH = 8;
// argon2 accepts any length; a cap keeps registration input within reason.
export const PASSWORD_MAX_LENGTH = 1024;

export const ABOUT_ME_MAX_LENGTH = 140;

/** The rules a form states under its fields before anything is typed, in the words its errors use. */
export const FIELD_RULES = {
  username: `${USERNAME_MIN_LENGTH} to ${USERNAME_MAX_LENGTH} characters: letters, digits, underscores, dots and hyphens.`,
  password: `At least ${PASSWORD_MIN_LENGTH} characters.`,
} as const;

const USERNAME_PATTERN = /^[A-Za-z0-9_.-]+$/;
// Loose (the only real check of an address is mail that arrives), but without the characters a
// mail header gives meaning to: "a@x.example,b" or "shown<other@evil.example>" would be stored as one
// address and mailed to another.
const ADDRESS_PART = '[^\\s@\\u0000-\\u001f\\u007f<>()\\[\\]\\\\,;:"]+';
const EMAIL_PATTERN = new RegExp(`^${ADDRESS_PART}@${ADDRESS_PART}\\.${ADDRESS_PART}$`);

export interface User {
  id: number;
  username: string;
  email: string;
  passwordHash: string;
  createdAt: Date;
  aboutMe: string;
  /** Null until the user's first visit since Jot began keeping it. */
  lastSeen: Date | null;
  /** Session cookies made with another version no longer count (raised by a logout). */
  sessionVersion: number;
  /** When a link sent to the address was opened; until then the user may read but not post or send messages. */
  emailVerifiedAt: Date | null;
}

export type NewUser = Pick<User, "username" | "email" | "passwordHash">;

/** Who a logged-in session belongs to, as every page needs them: name, and unread messages and notifications. */
export interface SessionUser extends Pick<User, "id" | "username" | "email" | "sessionVersion"> {
  /** Whether the address is confirmed: only then may the user post and send messages. */
  emailVerified: boolean;
  unreadMessages: number;
  /** Unread notifications (replies, mentions, likes, follows), counted up to MOST_UNREAD_COUNTED. */
  unreadNotifications: number;
  /** The number of their newest notification: a page's live stream starts after it. */
  notificationSeq: number;
}

/** Who writes a post or a message: whether their address is confirmed decides whether they may. */
export type Writer = Pick<SessionUser, "id" | "email" | "emailVerified">;

export interface RegistrationForm {
  username: string;
  email: string;
  password: string;
  password2: string;
}

/** A registration that passed every rule: normalised, password still in clear for hashing. */
export interface UserDraft {
  username: string;
  email: string;
  password: string;
}

/** Usernames are unique regardless of case: "Alice" and "alice" are one name. */
export function usernameKey(username: string): string {
  return username.toLowerCase();
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function usernameProblem(username: string): string | undefined {
  if (username.length < USERNAME_MIN_LENGTH || username.length > USERNAME_MAX_LENGTH) {
    return `Use ${USERNAME_MIN_LENGTH} to ${USERNAME_MAX_LENGTH} characters.`;
  }
  if (!USERNAME_PATTERN.test(username)) {
    return "Use only letters, digits, underscores, dots and hyphens.";
  }
  return undefined;
}

function emailProblem(email: string): string | undefined {
  if (email.length === 0) return "Enter your email address.";
  if (email.length > EMAIL_MAX_LENGTH) return `At most ${EMAIL_MAX_LENGTH} characters.`;
  if (!EMAIL_PATTERN.test(email)) return "Enter a valid email address.";
  return undefined;
}

function passwordProblem(password: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `At most ${PASSWORD_MAX_LENGTH} characters.`;
  return undefined;
}

/** A change of password on /settings: the current one, and the new one twice. */
export interface PasswordChangeForm {
  currentPassword: string;
  password: string;
  password2: string;
}

/** A new password typed twice, as on /reset_password. */
export interface NewPasswordForm {
  password: string;
  password2: string;
}

/** What is wrong with a new password typed twice, under registration's rules. */
function newPasswordErrors(form: NewPasswordForm): FieldErrors {
  const passwordError = passwordProblem(form.password);
  if (passwordError) return { password: passwordError };
  return form.password === form.password2 ? {} : { password2: "Passwords do not match." };
}

/** The new password of a change, under registration's rules; throws ValidationError naming every bad field. */
export function newPassword(form: PasswordChangeForm): string {
  const errors: FieldErrors = newPasswordErrors(form);
  if (form.currentPassword.length === 0) errors.current_password = "Enter your current password.";
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return form.password;
}

/** The password chosen by a reset; throws ValidationError naming every bad field. */
export function resetPassword(form: NewPasswordForm): string {
  const errors = newPasswordErrors(form);
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return form.password;
}

/** An address typed into a form, normalised; throws ValidationError on `email` when it cannot be one. */
export function emailAddress(raw: string): string {
  const email = normaliseEmail(raw);
  const error = emailProblem(email);
  if (error) throw new ValidationError({ email: error });
  return email;
}

/** Validates and normalises a registration; throws ValidationError naming every bad field. */
export function createUser(form: RegistrationForm): UserDraft {
  const username = form.username.trim();
  const email = normaliseEmail(form.email);
  const errors: FieldErrors = {};

  const usernameError = usernameProblem(username);
  if (usernameError) errors.username = usernameError;
  const emailError = emailProblem(email);
  if (emailError) errors.email = emailError;
  Object.assign(errors, newPasswordErrors(form));

  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return { username, email, password: form.password };
}

/** What a user may change about themselves on /edit_profile. */
export interface ProfileForm {
  username: string;
  aboutMe: string;
}

/**
 * Validates and normalises a profile edit (the username under registration's rules, about me counted
 * like a post); throws ValidationError naming every bad field. About me may be empty, and text only
 * invisible characters make counts as empty.
 */
export function editProfile(form: ProfileForm): ProfileForm {
  const username = form.username.trim();
  const aboutMe = normaliseText(form.aboutMe);
  const errors: FieldErrors = {};
  const usernameError = usernameProblem(username);
  if (usernameError) errors.username = usernameError;
  if (characterCount(aboutMe) > ABOUT_ME_MAX_LENGTH) errors.about_me = `At most ${ABOUT_ME_MAX_LENGTH} characters.`;
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return { username, aboutMe: isBlank(aboutMe) ? "" : aboutMe };
}
