import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { FollowRefused } from "../domain/follow.js";
import type { User } from "../domain/user.js";
import { textField } from "../http/form-fields.js";
import { safeNextPath } from "../http/safe-redirect.js";
import { requireLogin } from "../plugins/current-user.js";
import { showError } from "../plugins/error-pages.js";
import type { ActionLimits } from "../services/limits/action-limits.js";
import type { FollowService } from "../services/people/follow-service.js";
import { waitInWords } from "../services/limits/rate-limiter.js";
import { profileUrl } from "../view-models/urls.js";

interface FollowRoute {
  Params: { username: string };
}

/** Follow and unfollow: forms on other people's pages, which lead back there (PRG). */
export default async function followRoutes(
  app: FastifyInstance,
  { follows, limits }: { follows: FollowService; limits: ActionLimits },
): Promise<void> {
  /** Back to the page the form was on, when it named a same-site path; else to the profile. */
  function back(request: FastifyRequest, reply: FastifyReply, username: string) {
    return reply.redirect(safeNextPath(textField(request.body, "next")) ?? profileUrl(username), 303);
  }

  /**
   * Each follow tells the one followed: following and unfollowing in a loop would flood them, so
   * both count towards one limit per user; past it, a 429 page says how long to wait.
   */
  async function tooFast(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const wait = await limits.take("follow", `user:${request.currentUser!.id}`);
    if (wait === 0) return undefined;
    reply.header("retry-after", String(wait));
    return showError(reply, 429, `You are following and unfollowing too fast. Try again ${waitInWords(wait)}.`);
  }

  app.post<FollowRoute>("/follow/:username", { preHandler: [requireLogin, tooFast] }, async (request, reply) => {
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

  app.post<FollowRoute>("/unfollow/:username", { preHandler: [requireLogin, tooFast] }, async (request, reply) => {
    const user = await follows.unfollow(request.currentUser!.id, request.params.username);
    request.flash(`You are not following ${user.username}.`);
    return back(request, reply, user.username);
  });
}
