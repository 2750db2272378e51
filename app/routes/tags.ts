import type { FastifyInstance } from "fastify";
import { tagPath } from "../domain/text-links.js";
import { pageRequestFrom } from "../http/page-request.js";
import { requireLogin } from "../plugins/current-user.js";
import type { PostService } from "../services/posts/post-service.js";
import { postListView } from "../view-models/post-list.js";

type TagRoute = { Params: { tag: string }; Querystring: { before?: unknown; after?: unknown } };

/** A hashtag's page: the posts carrying it, newest first. */
export default async function tagRoutes(app: FastifyInstance, { posts }: { posts: PostService }): Promise<void> {
  app.get<TagRoute>("/tag/:tag", { preHandler: requireLogin }, async (request, reply) => {
    const pageRequest = pageRequestFrom(request.query.before, request.query.after);
    const { tag, posts: page } = await posts.tagged(request.params.tag, request.currentUser!.id, pageRequest);
    return reply.page("tag", { title: `#${tag}`, tag, ...postListView(page, tagPath(tag), pageRequest) });
  });
}
