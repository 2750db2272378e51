import type { Mail } from "./mailer.js";

/** The email with a link to choose a new password. */
export function passwordResetMail(to: string, username: string, link: string): Mail {
  return {
    to,
    link,
    subject: "Reset your Jot password",
    text: [
      `Hi ${username},`,
      "",
      "Someone (we hope you) asked to reset the password of your Jot account. To choose a new one, open this link within 30 minutes:",
      "",
      link,
      "",
      "It works once. Every session of your account is signed out when the new password is set.",
      "If you did not ask for this, ignore this email: your password stays as it is.",
    ].join("\n"),
  };
}

/** The email with a link that confirms an address: a new account's, or the one an account is changing to. */
export function confirmAddressMail(to: string, username: string, link: string, change: boolean): Mail {
  return {
    to,
    link,
    subject: "Confirm your email address for Jot",
    text: [
      `Hi ${username},`,
      "",
      change
        ? "To make this your Jot account's email address, open this link within 48 hours:"
        : "Welcome to Jot! To confirm your email address, and start posting and sending messages, open this link within 48 hours:",
      "",
      link,
      "",
      "If you did not ask for this, ignore this email.",
    ].join("\n"),
  };
}

/** The email telling the address an account had that the account now has another. */
export function addressChangedMail(to: string, username: string, newAddress: string, link: string): Mail {
  return {
    to,
    link,
    subject: "Your Jot email address was changed",
    text: [
      `Hi ${username},`,
      "",
      `The email address of your Jot account is now ${newAddress}: a link sent there was opened. Mail about your account goes there from now on.`,
      "",
      "If you did not make this change, someone else can sign in to your account. Sign in and change your password and address at:",
      "",
      link,
    ].join("\n"),
  };
}
