import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ValidationError, type FieldErrors } from "../domain/errors.js";
import { FIELD_RULES, normaliseEmail } from "../domain/user.js";
import { textField } from "../http/form-fields.js";
import { MAIL_NOT_SENT, refusalStatus } from "../http/refusal.js";
import { requireLogin } from "../plugins/current-user.js";
import { askerOf } from "../plugins/known-devices.js";
import { startLoginSession } from "../plugins/session.js";
import type { AccountService } from "../services/accounts/account-service.js";
import type { EmailConfirmations } from "../services/accounts/email-confirmations.js";

/** Which form of the page an error belongs to. */
type SettingsForm = "email" | "password";
/** The page's forms, each posted to /settings/<form> and shown at /settings#<form>-form. */
const SETTINGS_FORMS = new Set(["email", "password", "logout_everywhere"]);

/**
 * The account's settings: a new email address (theirs once confirmed), a new password (which ends
 * every other session), logging out everywhere, and deleting the account. All but logging out ask
 * for the password: a session left open on a shared computer can do none of them. Deleting the
 * account has its own page, a confirmation step that needs no script.
 */
export default async function settingsRoutes(
  app: FastifyInstance,
  { accounts, confirmations }: { accounts: AccountService; confirmations: EmailConfirmations },
): Promise<void> {
  // Passwords are never sent back into the page, not even after an error.
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    { errors = {}, email = "", status = 200 }: { errors?: Partial<Record<SettingsForm, FieldErrors>>; email?: string; status?: number } = {},
  ) {
    const changingTo = await confirmations.addressBeingConfirmed(request.currentUser!);
    return reply.page(
      "settings",
      {
        title: "Settings",
        changingTo,
        email,
        emailErrors: errors.email ?? {},
        passwordErrors: errors.password ?? {},
        rules: FIELD_RULES,
      },
      status,
    );
  }

  /** Runs a settings form; a ValidationError is shown beside that form's fields (422, or a refusal's own status). */
  function settingsForm(form: SettingsForm, handle: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>) {
    return async (request: FastifyRequest, reply: FastifyReply) => {
      try {
        return await handle(request, reply);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const email = form === "email" ? textField(request.body, "email") : "";
        return render(request, reply, { errors: { [form]: error.fields }, email, status: refusalStatus(reply, error) });
      }
    };
  }

  app.get("/settings", { preHandler: requireLogin }, async (request, reply) => render(request, reply));

  /** Deleting the account is a step of its own: the settings page only leads to it. */
  const renderDelete = (reply: FastifyReply, errors: FieldErrors = {}, status = 200) =>
    reply.page("delete-account", { title: "Delete your account", errors }, status);

  app.get("/settings/delete", { preHandler: requireLogin }, async (_request, reply) => renderDelete(reply));

  // A form sent with a mistake answers at its own address: opened again from the address bar
  // (a reload, a bookmark), that address leads to the form on the settings page.
  app.get<{ Params: { form: string } }>("/settings/:form", async (request, reply) => {
    if (!SETTINGS_FORMS.has(request.params.form)) return reply.callNotFound();
    return reply.redirect(`/settings#${request.params.form}-form`, 303);
  });

  app.post(
    "/settings/email",
    { preHandler: requireLogin },
    settingsForm("email", async (request, reply) => {
      const email = textField(request.body, "email");
      const form = { email, password: textField(request.body, "email_password") };
      const outcome = await confirmations.changeEmail(request.currentUser!.id, form, askerOf(request));
      if (outcome === "not sent") return render(request, reply, { errors: { email: { email: MAIL_NOT_SENT } }, email, status: 503 });
      const current = request.currentUser!.email;
      request.flash(
        outcome === "kept"
          ? `The change is called off: your address stays ${current}.`
          : `We have sent a link to ${normaliseEmail(email)}: open it to make it your address. Until then, your address stays ${current}.`,
      );
      return reply.redirect("/settings", 303);
    }),
  );

  app.post(
    "/settings/password",
    { preHandler: requireLogin },
    settingsForm("password", async (request, reply) => {
      const form = {
        currentPassword: textField(request.body, "current_password"),
        password: textField(request.body, "password"),
        password2: textField(request.body, "password2"),
      };
      // A new password ends the links that were out, a change of address under way among them.
      const changingTo = await confirmations.addressBeingConfirmed(request.currentUser!);
      const user = await accounts.changePassword(request.currentUser!.id, form, askerOf(request));
      // This device carries on under the new version; every other session has ended.
      startLoginSession(request, user, request.session.get("remember") ?? false);
      reply.rememberDevice(user.id, user.passwordHash);
      request.flash("Your password has been changed, and every other session of your account has been signed out.");
      if (changingTo) request.flash(`The change of your address to ${changingTo} was called off with it: ask for it again below if you still want it.`);
      return reply.redirect("/settings", 303);
    }),
  );

  app.post("/settings/logout_everywhere", { preHandler: requireLogin }, async (request, reply) => {
    await accounts.endSessions(request.currentUser!.id);
    request.session.regenerate();
    request.flash("You have been signed out everywhere: on this device and every other.");
    return reply.redirect("/login", 303);
  });

  app.post("/settings/delete", { preHandler: requireLogin }, async (request, reply) => {
    try {
      await accounts.deleteAccount(request.currentUser!.id, textField(request.body, "delete_password"), askerOf(request));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderDelete(reply, error.fields, refusalStatus(reply, error));
    }
    // A fresh session with nothing of the account in it, to carry the message.
    request.session.regenerate();
    request.flash("Your account, with your posts, messages and follows, has been deleted.");
    return reply.redirect("/login", 303);
  });
}
