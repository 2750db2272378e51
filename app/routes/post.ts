import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ValidationError, type FieldErrors } from "../domain/errors.js";
import { idFrom } from "../domain/page.js";
import { POST_MAX_LENGTH } from "../domain/post.js";
import { textField } from "../http/form-fields.js";
import { pageRequestFrom } from "../http/page-request.js";
import { refusalStatus } from "../http/refusal.js";
import { requireLogin } from "../plugins/current-user.js";
import type { PostService } from "../services/posts/post-service.js";
import { conversationView } from "../view-models/conversation.js";
import { postView } from "../view-models/post-list.js";
import { deletePostUrl, editPostUrl, postUrl, profileUrl } from "../view-models/urls.js";

type PostRoute = { Params: { id: string } };
type ConversationRoute = PostRoute & { Querystring: { after?: unknown; reply?: unknown } };

/**
 * A post's own page, the address to share it by (linked from its time everywhere it is listed):
 * the conversation around it and the form to answer it. Replying, and editing and deleting one's own post.
 */
export default async function postRoutes(app: FastifyInstance, { posts }: { posts: PostService }): Promise<void> {
  async function renderConversation(
    request: FastifyRequest<ConversationRoute>,
    reply: FastifyReply,
    form: { body: string; errors: FieldErrors; focus: boolean },
    status = 200,
  ): Promise<FastifyReply> {
    const later = pageRequestFrom(undefined, request.query.after);
    const after = later.kind === "newer" ? later.cursor : undefined;
    const conversation = await posts.conversation(idFrom(request.params.id), request.currentUser!.id, after);
    const view = conversationView(conversation, request.currentUser!.id, after);
    return reply.page("post", { ...view, maxLength: POST_MAX_LENGTH, unconfirmedNoticeInPage: true, ...form }, status);
  }

  app.get<ConversationRoute>("/post/:id", { preHandler: requireLogin }, (request, reply) =>
    // "Reply" under a post leads here with ?reply: the form is focused, as if clicked.
    renderConversation(request, reply, { body: "", errors: {}, focus: request.query.reply !== undefined }),
  );

  app.post<ConversationRoute>("/post/:id/replies", { preHandler: requireLogin }, async (request, reply) => {
    const body = textField(request.body, "body");
    let replyId: number;
    try {
      replyId = (await posts.reply(request.currentUser!, idFrom(request.params.id), body)).id;
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const status = refusalStatus(reply, error);
      const form = { body, errors: error.fields, focus: true };
      // The post was deleted while the reply was written: what was typed is offered as a post of its own.
      if (status === 410) return reply.page("reply-not-sent", { title: "Your reply was not sent", maxLength: POST_MAX_LENGTH, ...form }, status);
      return renderConversation(request, reply, form, status);
    }
    request.flash("Your reply is posted.");
    return reply.redirect(postUrl(replyId), 303);
  });

  // Editing: the text in a form of its own, sent back to the post's page.
  async function renderEdit(reply: FastifyReply, postId: number, form: { body: string; errors: FieldErrors }, status = 200) {
    return reply.page("edit-post", { title: "Edit your post", editUrl: editPostUrl(postId), postUrl: postUrl(postId), maxLength: POST_MAX_LENGTH, ...form }, status);
  }

  app.get<PostRoute>("/post/:id/edit", { preHandler: requireLogin }, async (request, reply) => {
    const post = await posts.own(request.currentUser!.id, idFrom(request.params.id));
    return renderEdit(reply, post.id, { body: post.body, errors: {} });
  });

  app.post<PostRoute>("/post/:id/edit", { preHandler: requireLogin }, async (request, reply) => {
    const postId = idFrom(request.params.id);
    const body = textField(request.body, "body");
    try {
      await posts.edit(request.currentUser!, postId, body);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderEdit(reply, postId!, { body, errors: error.fields }, refusalStatus(reply, error));
    }
    request.flash("Your post was edited.");
    return reply.redirect(postUrl(postId!), 303);
  });

  // Deleting asks first, on a page of its own, so that it works without script and is never one stray click.
  app.get<PostRoute>("/post/:id/delete", { preHandler: requireLogin }, async (request, reply) => {
    const post = await posts.own(request.currentUser!.id, idFrom(request.params.id));
    return reply.page("delete-post", { title: "Delete this post?", post: postView(post), postUrl: postUrl(post.id), deleteUrl: deletePostUrl(post.id) });
  });

  app.post<PostRoute>("/post/:id/delete", { preHandler: requireLogin }, async (request, reply) => {
    const user = request.currentUser!;
    await posts.delete(user.id, idFrom(request.params.id));
    request.flash("Your post was deleted.");
    return reply.redirect(profileUrl(user.username), 303);
  });
}
