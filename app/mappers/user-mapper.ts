import type { User as UserRow, Prisma } from "../generated/prisma/client.js";
import { usernameKey, type NewUser, type ProfileForm, type SessionUser, type User } from "../domain/user.js";

/**
 * The columns a domain User is made of; the post count is read with a profile's other counts, the
 * last message read with the unread count, the notification number only where notifications are written.
 */
export type UserColumns = Omit<UserRow, "postCount" | "notificationSeq">;

export const toUser = (row: UserColumns): User => ({
  id: row.id,
  username: row.username,
  email: row.email,
  passwordHash: row.passwordHash,
  createdAt: row.createdAt,
  aboutMe: row.aboutMe,
  lastSeen: row.lastSeen,
  sessionVersion: row.sessionVersion,
  emailVerifiedAt: row.emailVerifiedAt,
});

export const toUserCreate = (user: NewUser): Prisma.UserCreateInput => ({
  username: user.username,
  usernameKey: usernameKey(user.username),
  email: user.email,
  passwordHash: user.passwordHash,
});

export const toProfileUpdate = (profile: ProfileForm): Prisma.UserUpdateInput => ({
  username: profile.username,
  usernameKey: usernameKey(profile.username),
  aboutMe: profile.aboutMe,
});

/** A user with their unread count, as UserRepository.sessionUser selects them (COUNT is 64-bit). */
export interface SessionUserRow {
  id: number;
  username: string;
  email: string;
  unread: bigint | number;
  unreadNotifications: bigint | number;
  notificationSeq: number;
  sessionVersion: number;
  // A boolean from PostgreSQL, 0 or 1 from SQLite.
  verified: boolean | number | bigint;
}

export const toSessionUser = (row: SessionUserRow): SessionUser => ({
  id: row.id,
  username: row.username,
  email: row.email,
  emailVerified: Boolean(row.verified),
  unreadMessages: Number(row.unread),
  unreadNotifications: Number(row.unreadNotifications),
  notificationSeq: row.notificationSeq,
  sessionVersion: row.sessionVersion,
});
