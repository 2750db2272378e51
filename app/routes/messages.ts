import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ValidationError, type FieldErrors } from "../domain/errors.js";
import { MESSAGE_MAX_LENGTH, MessageRefused, type Mailbox } from "../domain/message.js";
import { textField } from "../http/form-fields.js";
import { pageRequestFrom } from "../http/page-request.js";
import { refusalStatus } from "../http/refusal.js";
import { requireLogin } from "../plugins/current-user.js";
import type { MessageService } from "../services/messages/message-service.js";
import { mailboxView } from "../view-models/mailbox.js";
import { profileUrl } from "../view-models/urls.js";

interface SendRoute {
  Params: { username: string };
}

interface MailboxRoute {
  Querystring: { before?: unknown; after?: unknown };
}

/** Writing a private message to someone, and reading one's received and sent messages. */
export default async function messageRoutes(app: FastifyInstance, { messages }: { messages: MessageService }): Promise<void> {
  function renderForm(reply: FastifyReply, recipient: string, message: string, errors: FieldErrors = {}, status = 200) {
    return reply.page(
      "send-message",
      { title: `Message ${recipient}`, recipient, recipientUrl: profileUrl(recipient), message, errors, maxLength: MESSAGE_MAX_LENGTH, unconfirmedNoticeInPage: true },
      status,
    );
  }

  /** Writing to oneself is refused on one's own profile, with nothing written. */
  function refusingSelf(handler: (request: FastifyRequest<SendRoute>, reply: FastifyReply) => Promise<FastifyReply>) {
    return async (request: FastifyRequest<SendRoute>, reply: FastifyReply) => {
      try {
        return await handler(request, reply);
      } catch (error) {
        if (!(error instanceof MessageRefused)) throw error;
        request.flash(error.message);
        return reply.redirect(profileUrl(request.currentUser!.username), 303);
      }
    };
  }

  app.get<SendRoute>(
    "/send_message/:username",
    { preHandler: requireLogin },
    refusingSelf(async (request, reply) => {
      const recipient = await messages.recipient(request.currentUser!.id, request.params.username);
      return renderForm(reply, recipient.username, "");
    }),
  );

  app.post<SendRoute>(
    "/send_message/:username",
    { preHandler: requireLogin },
    refusingSelf(async (request, reply) => {
      const body = textField(request.body, "message");
      const recipient = await messages.recipient(request.currentUser!.id, request.params.username);
      try {
        await messages.send(request.currentUser!, recipient, body);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return renderForm(reply, recipient.username, body, error.fields, refusalStatus(reply, error));
      }
      request.flash(`Your message to ${recipient.username} has been sent.`);
      return reply.redirect(profileUrl(recipient.username), 303);
    }),
  );

  function mailboxRoute(box: Mailbox) {
    return async (request: FastifyRequest<MailboxRoute>, reply: FastifyReply) => {
      const pageRequest = pageRequestFrom(request.query.before, request.query.after);
      const { page, unread } = await messages.open(box, request.currentUser!.id, pageRequest, request.method === "GET");
      // The badge on this very page counts what is still unread after the reading.
      if (unread !== undefined) request.currentUser = { ...request.currentUser!, unreadMessages: unread };
      return reply.page("messages", { title: "Messages", ...mailboxView(box, page, pageRequest) });
    };
  }
  app.get<MailboxRoute>("/messages", { preHandler: requireLogin }, mailboxRoute("received"));
  app.get<MailboxRoute>("/messages/sent", { preHandler: requireLogin }, mailboxRoute("sent"));
}
