import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FollowList } from "../domain/follow.js";
import { idFrom } from "../domain/page.js";
import { pageRequestFrom } from "../http/page-request.js";
import { requireLogin } from "../plugins/current-user.js";
import type { FollowService } from "../services/people/follow-service.js";
import type { ProfileService } from "../services/people/profile-service.js";
import { followListView } from "../view-models/follow-list.js";
import { postListView } from "../view-models/post-list.js";
import { profileCardView } from "../view-models/profile-card.js";
import { profileUrl, withRepliesUrl } from "../view-models/urls.js";

interface UserRoute {
  Params: { username: string };
  Querystring: { before?: unknown; after?: unknown };
}

/** A user's profile, their followers and following lists, and the popover's card. */
export default async function profileRoutes(
  app: FastifyInstance,
  { profiles, follows }: { profiles: ProfileService; follows: FollowService },
): Promise<void> {
  // Two tabs: the posts that start conversations (and the author's own threads), and all with their replies to others.
  function postsRoute(replies: boolean) {
    return async (request: FastifyRequest<UserRoute>, reply: FastifyReply) => {
      const pageRequest = pageRequestFrom(request.query.before, request.query.after);
      const viewer = request.currentUser!;
      const { user, posts, standing } = await profiles.profile(request.params.username, viewer.id, pageRequest, replies);
      const path = replies ? withRepliesUrl(user.username) : profileUrl(user.username);
      return reply.page("profile", {
        title: replies ? `${user.username}: posts and replies` : user.username,
        card: profileCardView(user, standing, viewer.id, request.url),
        tabs: [
          { label: "Posts", url: profileUrl(user.username), current: !replies },
          { label: "Posts and replies", url: withRepliesUrl(user.username), current: replies },
        ],
        ...postListView(posts, path, pageRequest),
      });
    };
  }
  app.get<UserRoute>("/user/:username", { preHandler: requireLogin }, postsRoute(false));
  // Where a post's @name leads: the person it named, under the name they have now.
  app.get<{ Params: { id: string } }>("/people/:id", { preHandler: requireLogin }, async (request, reply) => {
    const username = await profiles.nameOf(idFrom(request.params.id));
    return reply.redirect(profileUrl(username), 302);
  });
  app.get<UserRoute>("/user/:username/with_replies", { preHandler: requireLogin }, postsRoute(true));

  function listRoute(list: FollowList) {
    return async (request: FastifyRequest<UserRoute>, reply: FastifyReply) => {
      const pageRequest = pageRequestFrom(request.query.before, request.query.after);
      const viewer = request.currentUser!;
      const { user, entries } = await follows.list(list, request.params.username, viewer.id, pageRequest);
      const view = followListView(list, user, entries, viewer.id, request.url, pageRequest);
      return reply.page("follow-list", { ...view });
    };
  }
  app.get<UserRoute>("/user/:username/followers", { preHandler: requireLogin }, listRoute("followers"));
  app.get<UserRoute>("/user/:username/following", { preHandler: requireLogin }, listRoute("following"));

  /**
   * The popover's card: an HTML fragment, not a page. A visitor who is not logged in gets a short
   * 401 fragment, not the login page (which the tutorial's popover showed inside the card).
   */
  app.get<UserRoute>("/user/:username/popup", async (request, reply) => {
    const viewer = request.currentUser;
    if (!viewer) return reply.fragment("popup-login", {}, 401);
    const { user, standing } = await profiles.card(request.params.username, viewer.id);
    return reply.fragment("popup", { card: profileCardView(user, standing, viewer.id, profileUrl(user.username)) });
  });
}
