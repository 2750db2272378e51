import type { FastifyInstance } from "fastify";
import { pageRequestFrom } from "../http/page-request.js";
import { requireLogin } from "../plugins/current-user.js";
import type { ProfileService } from "../services/profile-service.js";
import { postListView, profileUrl, utcTime } from "../view-models/post-list.js";
import { standingView } from "../view-models/standing.js";

interface ProfileRoute {
  Params: { username: string };
  Querystring: { before?: unknown; after?: unknown };
}

export default async function profileRoutes(app: FastifyInstance, { profiles }: { profiles: ProfileService }): Promise<void> {
  app.get<ProfileRoute>("/user/:username", { preHandler: requireLogin }, async (request, reply) => {
    const pageRequest = pageRequestFrom(request.query.before, request.query.after);
    const viewer = request.currentUser!;
    const { user, posts: page, standing } = await profiles.profile(request.params.username, viewer.id, pageRequest);
    const url = profileUrl(user.username);
    return reply.page("profile", {
      title: user.username,
      username: user.username,
      aboutMe: user.aboutMe,
      memberSince: user.createdAt.toISOString().slice(0, 10),
      lastSeen: user.lastSeen && { iso: user.lastSeen.toISOString(), text: utcTime(user.lastSeen) },
      ...standingView(standing, user.username, user.id === viewer.id, request.url),
      ...postListView(page, url, pageRequest),
    });
  });
}
