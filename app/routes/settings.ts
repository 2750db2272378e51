import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ValidationError, type FieldErrors } from "../domain/errors.js";
import { textField } from "../http/form-fields.js";
import { requireLogin } from "../plugins/current-user.js";
import { startLoginSession } from "../plugins/session.js";
import type { AccountService } from "../services/account-service.js";

/** Which form of the page an error belongs to. */
type SettingsForm = "password" | "delete";

/**
 * The account's settings: a new password (which ends every other session), and deleting the
 * account. Both ask for the password: a session left open on a shared computer can do neither.
 */
export default async function settingsRoutes(app: FastifyInstance, { accounts }: { accounts: AccountService }): Promise<void> {
  // Passwords are never sent back into the page, not even after an error.
  function render(reply: FastifyReply, errors: Partial<Record<SettingsForm, FieldErrors>> = {}, status = 200) {
    return reply.page("settings", { title: "Settings", passwordErrors: errors.password ?? {}, deleteErrors: errors.delete ?? {} }, status);
  }

  /** Runs a settings form; a ValidationError is shown beside that form's fields with a 422. */
  function settingsForm(form: SettingsForm, handle: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>) {
    return async (request: FastifyRequest, reply: FastifyReply) => {
      try {
        return await handle(request, reply);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return render(reply, { [form]: error.fields }, 422);
      }
    };
  }

  app.get("/settings", { preHandler: requireLogin }, async (_request, reply) => render(reply));

  app.post(
    "/settings/password",
    { preHandler: requireLogin },
    settingsForm("password", async (request, reply) => {
      const user = await accounts.changePassword(request.currentUser!.id, {
        currentPassword: textField(request.body, "current_password"),
        password: textField(request.body, "password"),
        password2: textField(request.body, "password2"),
      });
      // This device carries on under the new version; every other session has ended.
      startLoginSession(request, user, request.session.get("remember") ?? false);
      request.flash("Your password has been changed, and every other session of your account has been logged out.");
      return reply.redirect("/settings", 303);
    }),
  );

  app.post(
    "/settings/delete",
    { preHandler: requireLogin },
    settingsForm("delete", async (request, reply) => {
      await accounts.deleteAccount(request.currentUser!.id, textField(request.body, "delete_password"));
      // A fresh session with nothing of the account in it, to carry the message.
      request.session.regenerate();
      request.flash("Your account, with your posts, messages and follows, has been deleted.");
      return reply.redirect("/login", 303);
    }),
  );
}
