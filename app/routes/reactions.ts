import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { RefusedError } from "../domain/errors.js";
import { idFrom } from "../domain/page.js";
import { textField } from "../http/form-fields.js";
import { pageRequestFrom } from "../http/page-request.js";
import { refusalStatus } from "../http/refusal.js";
import { safeNextPath } from "../http/safe-redirect.js";
import { wantsJson } from "../http/wants-json.js";
import { requireLogin } from "../plugins/current-user.js";
import { showError } from "../plugins/error-pages.js";
import { REACTIONS, type Reaction } from "../domain/reaction.js";
import type { ReactionService } from "../services/posts/reaction-service.js";
import { reactedView } from "../view-models/reacted.js";
import { postUrl } from "../view-models/urls.js";

type PostRoute = { Params: { id: string } };
type PeopleRoute = PostRoute & { Querystring: { before?: unknown; after?: unknown } };

/**
 * Like and Repost under every post, and their undoing: forms that bring one back to the same post on
 * the same page (PRG), or, sent by the script, answer with whether it is on now and the new count.
 * Who likes a post, and who reposted it, on pages of their own.
 */
export default async function reactionRoutes(app: FastifyInstance, { reactions }: { reactions: ReactionService }): Promise<void> {
  function reactionRoute(reaction: Reaction, on: boolean) {
    return async (request: FastifyRequest<PostRoute>, reply: FastifyReply) => {
      const postId = idFrom(request.params.id);
      let count: number;
      try {
        count = await reactions.set(reaction, request.currentUser!, postId, on);
      } catch (error) {
        if (!(error instanceof RefusedError)) throw error;
        const status = refusalStatus(reply, error);
        const message = error.fields[reaction]!;
        return wantsJson(request) ? reply.code(status).send({ error: message }) : showError(reply, status, message);
      }
      if (wantsJson(request)) return reply.header("cache-control", "no-store").send({ on, count });
      // Back to the post itself on the page the button was on.
      const back = safeNextPath(textField(request.body, "next"))?.split("#", 1)[0];
      return reply.redirect(back ? `${back}#post-${postId}` : postUrl(postId!), 303);
    };
  }
  for (const reaction of REACTIONS) {
    app.post<PostRoute>(`/post/:id/${reaction}`, { preHandler: requireLogin }, reactionRoute(reaction, true));
    app.post<PostRoute>(`/post/:id/un${reaction}`, { preHandler: requireLogin }, reactionRoute(reaction, false));
    // Who did it: /post/:id/likes, /post/:id/reposts.
    app.get<PeopleRoute>(`/post/:id/${reaction}s`, { preHandler: requireLogin }, async (request, reply) => {
      const pageRequest = pageRequestFrom(request.query.before, request.query.after);
      const viewer = request.currentUser!.id;
      const { post, people } = await reactions.people(reaction, idFrom(request.params.id), viewer, pageRequest);
      return reply.page("reacted", { ...reactedView(reaction, post, people, viewer, request.url, pageRequest) });
    });
  }
}
