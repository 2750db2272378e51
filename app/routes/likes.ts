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
import type { LikeService } from "../services/posts/like-service.js";
import { likersView } from "../view-models/likers.js";
import { postUrl } from "../view-models/urls.js";

type PostRoute = { Params: { id: string } };
type LikersRoute = PostRoute & { Querystring: { before?: unknown; after?: unknown } };

/**
 * Like and Unlike under every post: forms that bring one back to the same post on the same page
 * (PRG), or, sent by the script, answer with the new count. Who likes a post, on a page of its own.
 */
export default async function likeRoutes(app: FastifyInstance, { likes }: { likes: LikeService }): Promise<void> {
  function likeRoute(liked: boolean) {
    return async (request: FastifyRequest<PostRoute>, reply: FastifyReply) => {
      const postId = idFrom(request.params.id);
      let count: number;
      try {
        count = await likes.set(request.currentUser!, postId, liked);
      } catch (error) {
        if (!(error instanceof RefusedError)) throw error;
        const status = refusalStatus(reply, error);
        const message = error.fields.like!;
        return wantsJson(request) ? reply.code(status).send({ error: message }) : showError(reply, status, message);
      }
      if (wantsJson(request)) return reply.header("cache-control", "no-store").send({ liked, count });
      // Back to the post itself on the page the button was on.
      const back = safeNextPath(textField(request.body, "next"))?.split("#", 1)[0];
      return reply.redirect(back ? `${back}#post-${postId}` : postUrl(postId!), 303);
    };
  }
  app.post<PostRoute>("/post/:id/like", { preHandler: requireLogin }, likeRoute(true));
  app.post<PostRoute>("/post/:id/unlike", { preHandler: requireLogin }, likeRoute(false));

  app.get<LikersRoute>("/post/:id/likes", { preHandler: requireLogin }, async (request, reply) => {
    const pageRequest = pageRequestFrom(request.query.before, request.query.after);
    const viewer = request.currentUser!.id;
    const { post, likers } = await likes.likers(idFrom(request.params.id), viewer, pageRequest);
    return reply.page("likers", { ...likersView(post, likers, viewer, request.url, pageRequest) });
  });
}
