import type { FastifyInstance } from "fastify";
import { postIdFrom } from "../domain/post.js";
import { requireLogin } from "../plugins/current-user.js";
import type { PostService } from "../services/post-service.js";
import { postView } from "../view-models/post-list.js";
import { deletePostUrl, postUrl, profileUrl } from "../view-models/urls.js";

type PostRoute = { Params: { id: string } };

/** A post's own page, the address to share it by (linked from its time everywhere it is listed), and deleting it. */
export default async function postRoutes(app: FastifyInstance, { posts }: { posts: PostService }): Promise<void> {
  app.get<PostRoute>("/post/:id", { preHandler: requireLogin }, async (request, reply) => {
    const post = await posts.one(postIdFrom(request.params.id));
    const own = post.authorId === request.currentUser!.id;
    return reply.page("post", {
      title: `${post.author.username}'s post`,
      post: postView(post),
      deleteUrl: own ? deletePostUrl(post.id) : undefined,
    });
  });

  // Deleting asks first, on a page of its own, so that it works without script and is never one stray click.
  app.get<PostRoute>("/post/:id/delete", { preHandler: requireLogin }, async (request, reply) => {
    const post = await posts.own(request.currentUser!.id, postIdFrom(request.params.id));
    return reply.page("delete-post", { title: "Delete this post?", post: postView(post), postUrl: postUrl(post.id), deleteUrl: deletePostUrl(post.id) });
  });

  app.post<PostRoute>("/post/:id/delete", { preHandler: requireLogin }, async (request, reply) => {
    const user = request.currentUser!;
    await posts.delete(user.id, postIdFrom(request.params.id));
    request.flash("Your post was deleted.");
    return reply.redirect(profileUrl(user.username), 303);
  });
}
