import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { StreamLimits } from "../config.js";
import { notificationSeqFrom, type NotificationNews } from "../domain/notification.js";
import { EventStream } from "../http/event-stream.js";
import type { NotificationHub } from "../services/notification-hub.js";
import type { NotificationService } from "../services/notification-service.js";
import { newsView } from "../view-models/notification-view.js";

interface FallbackRoute {
  Querystring: { since?: unknown };
}

/** The script's requests get a short answer it can act on, not a login page. */
function notLoggedIn(reply: FastifyReply, json: boolean) {
  reply.code(401).header("cache-control", "no-store");
  return json ? reply.send({ error: "Log in to receive notifications." }) : reply.type("text/plain; charset=utf-8").send("Log in to receive notifications.\n");
}

/**
 * A user's live notifications: a Server-Sent Events stream, and for browsers without EventSource
 * the same news as JSON to poll.
 */
export default async function notificationRoutes(
  app: FastifyInstance,
  { hub, notifications, limits }: { hub: NotificationHub; notifications: NotificationService; limits: StreamLimits },
): Promise<void> {
  app.get("/notifications/stream", async (request: FastifyRequest, reply: FastifyReply) => {
    const user = request.currentUser;
    if (!user) return notLoggedIn(reply, false);
    if (request.method === "HEAD") return reply.type("text/event-stream; charset=utf-8").header("cache-control", "no-store").send();
    // A browser reconnecting says the last event it had; anything else starts from now.
    const resumeAfter = notificationSeqFrom(request.headers["last-event-id"]);
    let subscription: { close(): void } | undefined;
    const stream = new EventStream(reply, () => subscription?.close());
    subscription = hub.subscribe(user.id, resumeAfter, {
      send: (news: NotificationNews) => {
        const view = newsView(news);
        if (view.notifications.length === 0) return stream.event({ unread: view.unread });
        for (const notification of view.notifications) stream.event({ ...notification, unread: view.unread }, notification.id);
      },
      end: () => stream.end(),
    });
    if (!subscription) {
      return reply
        .code(429)
        .header("retry-after", "60")
        .header("cache-control", "no-store")
        .type("text/plain; charset=utf-8")
        .send(`Live notifications are already open in ${limits.perUser} tabs of this account. Close one of them and reload this page.\n`);
    }
    stream.open(limits);
    return reply;
  });

  app.get<FallbackRoute>("/notifications", async (request, reply) => {
    const user = request.currentUser;
    if (!user) return notLoggedIn(reply, true);
    const since = request.query.since === undefined ? undefined : notificationSeqFrom(request.query.since);
    if (request.query.since !== undefined && since === undefined) {
      return reply.code(400).send({ error: "since must be the id of a notification (a whole number)." });
    }
    const news = await notifications.since(user.id, since);
    reply.header("cache-control", "no-store");
    return { ...newsView(news), last: news.last };
  });
}
