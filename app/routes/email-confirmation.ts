import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ValidationError } from "../domain/errors.js";
import { MAIL_NOT_SENT, refusalStatus } from "../http/refusal.js";
import { requireLogin } from "../plugins/current-user.js";
import { showError } from "../plugins/error-pages.js";
import type { EmailConfirmations } from "../services/accounts/email-confirmations.js";
import { LinkNotValid } from "../domain/account-token.js";

interface TokenRoute {
  Params: { token: string };
}


/**
 * The link that confirms an address (the secret in it proves the mail arrived; its page asks
 * before using it), and the banner's "send it again".
 */
export default async function emailConfirmationRoutes(
  app: FastifyInstance,
  { confirmations }: { confirmations: EmailConfirmations },
): Promise<void> {
  function notConfirmed(reply: FastifyReply, status: number, message: string) {
    reply.header("referrer-policy", "no-referrer");
    return reply.page(
      "link-not-valid",
      { title: "Address not confirmed", heading: "This link no longer works", message, again: { href: "/settings", text: "Go to your settings" } },
      status,
    );
  }

  /**
   * A link that does not work (any more). Someone signed in whose address is confirmed, with no
   * change under way, most likely opened it before: they are told it is done, not that it failed.
   */
  async function notValid(request: FastifyRequest, reply: FastifyReply) {
    const user = request.currentUser;
    if (user?.emailVerified && (await confirmations.addressBeingConfirmed(user)) === null) {
      reply.header("referrer-policy", "no-referrer");
      return reply.page("link-not-valid", {
        title: "Address confirmed",
        heading: "Your address is already confirmed",
        message: `${user.email} is your account's address, confirmed. This link has done its work: there is nothing more to do.`,
        again: { href: "/", text: "Go to your feed" },
      });
    }
    return notConfirmed(
      reply,
      410,
      "A confirmation link works once, for 48 hours, and only the newest one sent. This one was used, has expired, or was not copied whole. If you opened it before, your address is confirmed: sign in. If not, sign in to ask for a new one.",
    );
  }

  // Opening the link only asks: mail scanners that fetch every link in a message must not use it up.
  app.get<TokenRoute>("/verify_email/:token", async (request, reply) => {
    let email: string;
    try {
      email = await confirmations.check(request.params.token);
    } catch (error) {
      if (error instanceof LinkNotValid) return notValid(request, reply);
      throw error;
    }
    reply.header("referrer-policy", "no-referrer");
    return reply.page("confirm-email", { title: "Confirm your email address", email, action: `/verify_email/${encodeURIComponent(request.params.token)}` });
  });

  app.post<TokenRoute>("/verify_email/:token", async (request, reply) => {
    let email: string;
    try {
      ({ email } = await confirmations.confirm(request.params.token));
    } catch (error) {
      if (error instanceof ValidationError) return notConfirmed(reply, 409, error.fields.email!);
      if (error instanceof LinkNotValid) return notValid(request, reply);
      throw error;
    }
    request.flash(`Thank you: ${email} is confirmed.`);
    return reply.redirect(request.currentUser ? "/" : "/login", 303);
  });

  app.post("/verify_email/resend", { preHandler: requireLogin }, async (request, reply) => {
    try {
      const sent = await confirmations.resend(request.currentUser!);
      request.flash(sent ? "We have sent you a new link: open it to confirm your address." : MAIL_NOT_SENT);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const status = refusalStatus(reply, error);
      if (status === 429) return showError(reply, status, error.fields.email!);
      request.flash(error.fields.email!);
    }
    return reply.redirect("/", 303);
  });
}
