import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { FollowRefused } from "../domain/follow.js";
import type { User } from "../domain/user.js";
import { textField } from "../http/form-fields.js";
import { safeNextPath } from "../http/safe-redirect.js";
import { requireLogin } from "../plugins/current-user.js";
import type { FollowService } from "../services/follow-service.js";
import { profileUrl } from "../view-models/urls.js";

interface FollowRoute {
  Params: { username: string };
}

/** Follow and unfollow: forms on other people's pages, which lead back there (PRG). */
export default async function followRoutes(app: FastifyInstance, { follows }: { follows: FollowService }): Promise<void> {
  /** Back to the page the form was on, when it named a same-site path; else to the profile. */
  function back(request: FastifyRequest, reply: FastifyReply, username: string) {
    return reply.redirect(safeNextPath(textField(request.body, "next")) ?? profileUrl(username), 303);
  }

  app.post<FollowRoute>("/follow/:username", { preHandler: requireLogin }, async (request, reply) => {
    let user: User;
    try {
      user = await follows.follow(request.currentUser!.id, request.params.username);
    } catch (error) {
      if (!(error instanceof FollowRefused)) throw error;
      request.flash(error.message);
      return back(request, reply, request.params.username);
    }
    request.flash(`You are following ${user.username}.`);
    return back(request, reply, user.username);
  });

  app.post<FollowRoute>("/unfollow/:username", { preHandler: requireLogin }, async (request, reply) => {
    const user = await follows.unfollow(request.currentUser!.id, request.params.username);
    request.flash(`You are not following ${user.username}.`);
    return back(request, reply, user.username);
  });
}
