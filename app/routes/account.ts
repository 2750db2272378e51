import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { RefusedError, ValidationError, type FieldErrors } from "../domain/errors.js";
import { FIELD_RULES } from "../domain/user.js";
import { checkboxField, textField } from "../http/form-fields.js";
import { limitedAddress } from "../http/limited-address.js";
import { refusalStatus } from "../http/refusal.js";
import { safeNextPath } from "../http/safe-redirect.js";
import { askerOf } from "../plugins/known-devices.js";
import { startLoginSession } from "../plugins/session.js";
import type { AccountService } from "../services/accounts/account-service.js";
import type { Registrations } from "../services/accounts/registrations.js";

const BAD_LOGIN = "Invalid username or password.";
/** Said under the limit's message: the way in that a stranger's guessing cannot close. */
const LOCKED_OUT_HINT = "If it is your account, you can set a new password (Forgot your password?), or sign in on a browser you have used before.";

/** Registration, login and logout. */
export default async function accountRoutes(
  app: FastifyInstance,
  { accounts, registrations }: { accounts: AccountService; registrations: Registrations },
): Promise<void> {
  /** Someone already logged in has no use for these forms. */
  function alreadyIn(request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
    return request.currentUser ? reply.redirect("/", 303) : undefined;
  }

  function renderRegister(reply: FastifyReply, values = { username: "", email: "" }, errors: FieldErrors = {}, status = 200) {
    return reply.page("register", { title: "Register", values, errors, rules: FIELD_RULES, bare: true }, status);
  }

  function renderLogin(
    reply: FastifyReply,
    form: { username: string; remember: boolean; next?: string },
    errors: FieldErrors = {},
    status = 200,
  ) {
    return reply.page("login", { title: "Sign in", values: form, errors, bare: true }, status);
  }

  app.get("/register", (request, reply) => alreadyIn(request, reply) ?? renderRegister(reply));

  app.post("/register", async (request, reply) => {
    const form = {
      username: textField(request.body, "username"),
      email: textField(request.body, "email"),
      password: textField(request.body, "password"),
      password2: textField(request.body, "password2"),
    };
    // Typed values come back, passwords never do.
    const values = { username: form.username, email: form.email };
    let registered;
    try {
      registered = await registrations.register(form, limitedAddress(request.ip));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderRegister(reply, values, error.fields, refusalStatus(reply, error));
    }
    const { user, mailed } = registered;
    request.flash(
      mailed
        ? `Congratulations, you are now a registered user! We have sent a link to ${user.email}: open it to confirm your address, then you can post and send messages.`
        : `Congratulations, you are now a registered user! We could not send the email that confirms your address: sign in and ask for it again.`,
    );
    return reply.redirect("/login", 303);
  });

  app.get<{ Querystring: { next?: unknown } }>(
    "/login",
    (request, reply) =>
      alreadyIn(request, reply) ??
      renderLogin(reply, { username: "", remember: false, next: safeNextPath(request.query.next) }),
  );

  app.post("/login", async (request, reply) => {
    const username = textField(request.body, "username");
    const password = textField(request.body, "password");
    const remember = checkboxField(request.body, "remember_me");
    const next = safeNextPath(textField(request.body, "next"));

    const errors: FieldErrors = {};
    if (username.trim() === "") errors.username = "Enter your username.";
    if (password === "") errors.password = "Enter your password.";
    const blank = Object.keys(errors).length > 0;
    if (blank) return renderLogin(reply, { username, remember, next }, errors, 422);
    let user;
    try {
      user = await accounts.authenticate(username, password, askerOf(request));
    } catch (error) {
      // Past the limit the password is not even checked: guessing stops paying.
      if (!(error instanceof RefusedError)) throw error;
      const refused = { password: `${error.fields.password} ${LOCKED_OUT_HINT}` };
      return renderLogin(reply, { username, remember, next }, refused, refusalStatus(reply, error));
    }
    if (!user) return renderLogin(reply, { username, remember, next }, { password: BAD_LOGIN }, 422);
    startLoginSession(request, user, remember);
    reply.rememberDevice(user.id, user.passwordHash);
    return reply.redirect(next ?? "/", 303);
  });

  // A stateless cookie cannot be taken back: the user's session version moves on instead, and
  // every cookie made before (a copy of this one, the user's other devices) stops counting.
  app.post("/logout", async (request, reply) => {
    if (!request.currentUser) return reply.redirect("/", 303);
    await accounts.endSessions(request.currentUser.id);
    // A fresh session with nothing of the login in it, to carry the message.
    request.session.regenerate();
    request.flash("You have signed out.");
    return reply.redirect("/login", 303);
  });
}
