import type { FastifyInstance } from "fastify";
import { pageRequestFrom } from "../http/page-request.js";
import { requireLogin } from "../plugins/current-user.js";
import type { PostService } from "../services/post-service.js";
import { postListView, profileUrl } from "../view-models/post-list.js";

interface ProfileRoute {
  Params: { username: string };
  Querystring: { before?: unknown; after?: unknown };
}

export default async function profileRoutes(app: FastifyInstance, { posts }: { posts: PostService }): Promise<void> {
  app.get<ProfileRoute>("/user/:username", { preHandler: requireLogin }, async (request, reply) => {
    const pageRequest = pageRequestFrom(request.query.before, request.query.after);
    const { user, posts: page } = await posts.byAuthor(request.params.username, pageRequest);
    return reply.page("profile", {
      title: user.username,
      username: user.username,
      memberSince: user.createdAt.toISOString().slice(0, 10),
      ...postListView(page, profileUrl(user.username), pageRequest),
    });
  });
}
