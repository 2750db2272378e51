import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ValidationError, type FieldErrors } from "../domain/errors.js";
import { POST_MAX_LENGTH } from "../domain/post.js";
import { textField } from "../http/form-fields.js";
import { pageRequestFrom } from "../http/page-request.js";
import { refusalStatus } from "../http/refusal.js";
import { requireLogin } from "../plugins/current-user.js";
import type { FollowService } from "../services/people/follow-service.js";
import type { PostService } from "../services/posts/post-service.js";
import { suggestionViews } from "../view-models/follow-list.js";
import { postListView } from "../view-models/post-list.js";
import { avatarUrl } from "../view-models/urls.js";

interface PageQuery {
  before?: unknown;
  after?: unknown;
}

/** Home (the followed feed and the "Say something" form), Explore (everyone's posts), publishing. */
export default async function homeRoutes(app: FastifyInstance, { posts, follows }: { posts: PostService; follows: FollowService }): Promise<void> {
  /** "Who to follow", beside the page on a wide screen (and in the feed's place while it is empty). */
  async function side(request: FastifyRequest, here: string) {
    return suggestionViews(await follows.suggestions(request.currentUser!.id), here);
  }

  async function renderHome(
    request: FastifyRequest,
    reply: FastifyReply,
    query: PageQuery,
    form: { body: string; errors: FieldErrors },
    status = 200,
  ): Promise<FastifyReply> {
    const pageRequest = pageRequestFrom(query.before, query.after);
    const user = request.currentUser!;
    const feed = await posts.feed(user.id, pageRequest);
    const list = postListView(feed, "/", pageRequest);
    const suggestions = await side(request, "/");
    // An empty feed names people to follow in its own place; the side column would say it twice.
    const empty = list.posts.length === 0 && !list.firstPageUrl;
    return reply.page(
      "home",
      // The composer says why it cannot be used yet: the banner would say it twice.
      {
        title: "Home",
        maxLength: POST_MAX_LENGTH,
        avatarUrl: avatarUrl(user.id),
        unconfirmedNoticeInPage: true,
        suggestions,
        side: empty ? undefined : suggestions,
        ...form,
        ...list,
      },
      status,
    );
  }

  app.get<{ Querystring: PageQuery }>("/", { preHandler: requireLogin }, (request, reply) =>
    renderHome(request, reply, request.query, { body: "", errors: {} }),
  );

  app.get<{ Querystring: PageQuery }>("/explore", { preHandler: requireLogin }, async (request, reply) => {
    const pageRequest = pageRequestFrom(request.query.before, request.query.after);
    const everyone = await posts.timeline(request.currentUser!.id, pageRequest);
    return reply.page("explore", { title: "Explore", side: await side(request, "/explore"), ...postListView(everyone, "/explore", pageRequest) });
  });

  app.post("/posts", { preHandler: requireLogin }, async (request: FastifyRequest, reply) => {
    const body = textField(request.body, "body");
    try {
      await posts.publish(request.currentUser!, body);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderHome(request, reply, {}, { body, errors: error.fields }, refusalStatus(reply, error));
    }
    request.flash("Your post is now live!");
    return reply.redirect("/", 303);
  });
}
