import type { FastifyInstance } from "fastify";
import { postIdFrom } from "../domain/post.js";
import { requireLogin } from "../plugins/current-user.js";
import type { PostService } from "../services/post-service.js";
import { postView } from "../view-models/post-list.js";
import { profileUrl } from "../view-models/urls.js";

/** A post's own page, the address to share it by (linked from its time everywhere it is listed). */
export default async function postRoutes(app: FastifyInstance, { posts }: { posts: PostService }): Promise<void> {
  app.get<{ Params: { id: string } }>("/post/:id", { preHandler: requireLogin }, async (request, reply) => {
    const post = await posts.one(postIdFrom(request.params.id));
    return reply.page("post", { title: `${post.author.username}'s post`, post: postView(post), authorUrl: profileUrl(post.author.username) });
  });
}
