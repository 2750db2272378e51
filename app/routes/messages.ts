import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ValidationError, type FieldErrors } from "../domain/errors.js";
import { MESSAGE_MAX_LENGTH, MessageRefused } from "../domain/message.js";
import { textField } from "../http/form-fields.js";
import { pageRequestFrom } from "../http/page-request.js";
import { refusalStatus } from "../http/refusal.js";
import { requireLogin } from "../plugins/current-user.js";
import type { MessageService } from "../services/messages/message-service.js";
import { chatListView, chatView } from "../view-models/chats.js";
import { chatUrl, profileUrl } from "../view-models/urls.js";

interface PageQuery {
  before?: unknown;
  after?: unknown;
}

interface ChatRoute {
  Params: { username: string };
  Querystring: PageQuery & { reply?: unknown };
}

/**
 * Private messages as conversations: /messages lists them, the newest first; /messages/:username
 * is one conversation, both sides in order, with the box to write the next message (sent to
 * /send_message/:username).
 */
export default async function messageRoutes(app: FastifyInstance, { messages }: { messages: MessageService }): Promise<void> {
  /** A conversation's page, with what was typed and what is wrong with it after a refused message. */
  async function renderChat(
    request: FastifyRequest<ChatRoute>,
    reply: FastifyReply,
    form: { message: string; errors: FieldErrors; focus: boolean },
    status = 200,
  ): Promise<FastifyReply> {
    const pageRequest = pageRequestFrom(request.query.before, request.query.after);
    const viewer = request.currentUser!;
    // A refused message shows the conversation without reading it again.
    const markRead = request.method === "GET";
    const { other, page, unread } = await messages.open(viewer.id, request.params.username, pageRequest, markRead);
    // The badge on this very page counts what is still unread after the reading.
    if (unread !== undefined) request.currentUser = { ...viewer, unreadMessages: unread };
    return reply.page(
      "conversation",
      { ...chatView(other, page, viewer.id, pageRequest), ...form, maxLength: MESSAGE_MAX_LENGTH, unconfirmedNoticeInPage: true },
      status,
    );
  }

  /** Writing to oneself is refused on one's own profile, with nothing written. */
  function refusingSelf(handler: (request: FastifyRequest<ChatRoute>, reply: FastifyReply) => Promise<FastifyReply>) {
    return async (request: FastifyRequest<ChatRoute>, reply: FastifyReply) => {
      try {
        return await handler(request, reply);
      } catch (error) {
        if (!(error instanceof MessageRefused)) throw error;
        request.flash(error.message);
        return reply.redirect(profileUrl(request.currentUser!.username), 303);
      }
    };
  }

  app.get<{ Querystring: PageQuery }>("/messages", { preHandler: requireLogin }, async (request, reply) => {
    const pageRequest = pageRequestFrom(request.query.before, request.query.after);
    const page = await messages.chats(request.currentUser!.id, pageRequest);
    return reply.page("messages", { title: "Messages", ...chatListView(page, request.currentUser!.id, pageRequest) });
  });

  app.get<ChatRoute>(
    "/messages/:username",
    { preHandler: requireLogin },
    refusingSelf((request, reply) => renderChat(request, reply, { message: "", errors: {}, focus: request.query.reply !== undefined })),
  );

  // The address the Message buttons had before conversations: it opens the conversation, ready to write.
  app.get<ChatRoute>("/send_message/:username", { preHandler: requireLogin }, async (request, reply) =>
    reply.redirect(`${chatUrl(request.params.username)}?reply`, 303),
  );

  app.post<ChatRoute>(
    "/send_message/:username",
    { preHandler: requireLogin },
    refusingSelf(async (request, reply) => {
      const body = textField(request.body, "message");
      const recipient = await messages.recipient(request.currentUser!.id, request.params.username);
      try {
        await messages.send(request.currentUser!, recipient, body);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return renderChat(request, reply, { message: body, errors: error.fields, focus: true }, refusalStatus(reply, error));
      }
      return reply.redirect(`${chatUrl(recipient.username)}#reply`, 303);
    }),
  );
}
