import type { FastifyInstance, FastifyReply } from "fastify";
import { ValidationError, type FieldErrors } from "../domain/errors.js";
import { textField } from "../http/form-fields.js";
import { limitedAddress } from "../http/limited-address.js";
import { Postponed } from "../http/postponed.js";
import { refusalStatus } from "../http/refusal.js";
import { LinkNotValid } from "../domain/account-token.js";
import { FIELD_RULES } from "../domain/user.js";
import type { PasswordResets } from "../services/accounts/password-resets.js";

interface TokenRoute {
  Params: { token: string };
}

/** When a reset link is looked up and sent, after the answer (milliseconds). */
const SEND_AFTER_MS = { least: 50, most: 1000 };
const SENT = "If that address belongs to a Jot account, we have sent it a link to choose a new password. It works for 30 minutes.";

/**
 * "Forgot your password?": asking for a link by email, and the link's page, which sets a new
 * password. The answer to asking is the same whether or not the address has an account.
 */
export default async function passwordResetRoutes(app: FastifyInstance, { resets }: { resets: PasswordResets }): Promise<void> {
  const sends = new Postponed(SEND_AFTER_MS);
  // Before the database is closed (the app's own onClose runs after this plugin's).
  app.addHook("preClose", () => sends.close());
  app.addHook("onClose", () => sends.flush());

  function renderRequest(reply: FastifyReply, email = "", errors: FieldErrors = {}, status = 200) {
    return reply.page("reset-request", { title: "Reset your password", values: { email }, errors }, status);
  }

  /** The secret is in the address: no other site is told it, and no cache keeps the page. */
  function renderReset(reply: FastifyReply, token: string, errors: FieldErrors = {}, status = 200) {
    reply.header("referrer-policy", "no-referrer");
    return reply.page("reset-password", { title: "Choose a new password", action: `/reset_password/${encodeURIComponent(token)}`, errors, rules: FIELD_RULES }, status);
  }

  function linkNotValid(reply: FastifyReply) {
    reply.header("referrer-policy", "no-referrer");
    return reply.page(
      "link-not-valid",
      {
        title: "Link expired",
        heading: "This link no longer works",
        message: "A reset link works once, for 30 minutes, and only the newest one you asked for. This one was used, has expired, or was not copied whole.",
        again: { href: "/reset_password_request", text: "Ask for a new link" },
      },
      410,
    );
  }

  app.get("/reset_password_request", (_request, reply) => renderRequest(reply));

  app.post("/reset_password_request", async (request, reply) => {
    const email = textField(request.body, "email");
    let sendLink;
    try {
      sendLink = await resets.request(email, limitedAddress(request.ip));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderRequest(reply, email, error.fields, refusalStatus(reply, error));
    }
    // Looking the account up and mailing it, which only an address with an account costs, waits
    // until after the answer, and then for a moment of chance: its time shows nowhere.
    sends.add(() => sendLink().catch((error: unknown) => request.log.error({ err: error }, "reset link not sent")));
    request.flash(SENT);
    return reply.redirect("/login", 303);
  });

  app.get<TokenRoute>("/reset_password/:token", async (request, reply) => {
    try {
      await resets.check(request.params.token);
    } catch (error) {
      if (error instanceof LinkNotValid) return linkNotValid(reply);
      throw error;
    }
    return renderReset(reply, request.params.token);
  });

  app.post<TokenRoute>("/reset_password/:token", async (request, reply) => {
    const form = { password: textField(request.body, "password"), password2: textField(request.body, "password2") };
    let account;
    try {
      account = await resets.reset(request.params.token, form);
    } catch (error) {
      if (error instanceof LinkNotValid) return linkNotValid(reply);
      if (!(error instanceof ValidationError)) throw error;
      return renderReset(reply, request.params.token, error.fields, 422);
    }
    // Whoever was logged in here is logged out with every other session of the account. This
    // browser opened the mailed link: it signs in from now on as the account's own, however many
    // wrong passwords strangers are trying.
    request.session.regenerate();
    reply.rememberDevice(account.userId, account.passwordHash);
    request.flash("Your password has been changed, and every session of your account has been signed out. Sign in with the new password.");
    return reply.redirect("/login", 303);
  });
}
