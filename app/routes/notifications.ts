import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { StreamLimits } from "../config.js";
import { eventId, notificationSeqFrom, seqFromEventId, type NotificationNews } from "../domain/notification.js";
import { EVENT_STREAM_HEADERS, EventStream } from "../http/event-stream.js";
import { pageRequestFrom } from "../http/page-request.js";
import { wantsJson } from "../http/wants-json.js";
import { requireLogin } from "../plugins/current-user.js";
import type { NotificationHub, Subscription } from "../services/notifications/notification-hub.js";
import type { NotificationService } from "../services/notifications/notification-service.js";
import { notificationListView } from "../view-models/notification-list.js";
import { newsView } from "../view-models/notification-view.js";

interface StreamRoute {
  Querystring: { after?: unknown };
}

interface FallbackRoute {
  Querystring: { since?: unknown; before?: unknown; after?: unknown };
}

/** The script's requests get a short answer it can act on (never a login page), and nothing keeps it. */
function refuse(reply: FastifyReply, status: number, message: string, json: boolean) {
  reply.code(status).header("cache-control", "no-store");
  return json ? reply.send({ error: message }) : reply.type("text/plain; charset=utf-8").send(`${message}\n`);
}

const NOT_LOGGED_IN = "Sign in to receive notifications.";

/**
 * A user's notifications: the page that lists them, a Server-Sent Events stream of them as they
 * come, and for browsers without EventSource the same news as JSON to poll.
 */
export default async function notificationRoutes(
  app: FastifyInstance,
  { hub, notifications, limits }: { hub: NotificationHub; notifications: NotificationService; limits: StreamLimits },
): Promise<void> {
  app.get("/notifications/stream", async (request: FastifyRequest<StreamRoute>, reply: FastifyReply) => {
    const user = request.currentUser;
    if (!user) return refuse(reply, 401, NOT_LOGGED_IN, false);
    if (request.method === "HEAD") return reply.headers(EVENT_STREAM_HEADERS).send();
    // A browser reconnecting says the last event it had; a page opening its stream, the newest
    // notification it was rendered with (?after=); anything else starts from now.
    const resumeAfter = seqFromEventId(user.id, request.headers["last-event-id"]) ?? notificationSeqFrom(request.query.after);
    let subscription: Subscription | undefined;
    const stream = new EventStream(reply, () => subscription?.close());
    const subscribed = hub.subscribe(user.id, user.sessionVersion, resumeAfter, {
      send: (news: NotificationNews, upTo: number) => {
        const view = newsView(news);
        // Even an event with no notification carries an id, so that a reconnect resumes from it.
        const counts = { unread: view.unread, unreadNotifications: view.unreadNotifications };
        if (view.notifications.length === 0) return stream.event(counts, eventId(user.id, upTo));
        for (const notification of view.notifications) stream.event({ ...notification, ...counts }, eventId(user.id, notification.id));
      },
      end: () => stream.end(),
    });
    if (subscribed === "full") {
      reply.header("retry-after", "60");
      return refuse(reply, 429, `Live notifications are already open in ${limits.perUser} tabs of this account. Close one of them and reload this page.`, false);
    }
    if (subscribed === "busy") {
      // The page polls instead (site.js), and tries a stream again later.
      reply.header("retry-after", "30");
      return refuse(reply, 503, "Jot holds as many live connections as it can just now; this page will check for news now and then instead.", false);
    }
    if (subscribed === "closed") {
      reply.header("retry-after", "2");
      return refuse(reply, 503, "Jot is restarting; live notifications will be back in a moment.", false);
    }
    subscription = subscribed;
    stream.open(limits);
    return reply;
  });

  // One address, two answers: the page for a browser, the news as JSON for the script's poll.
  app.get<FallbackRoute>("/notifications", async (request, reply) => {
    const user = request.currentUser;
    if (!wantsJson(request)) {
      if (!user) return requireLogin(request, reply);
      const pageRequest = pageRequestFrom(request.query.before, request.query.after);
      const page = await notifications.page(user.id, pageRequest);
      // The newest page has just read them all: the bar's badge says so at once.
      if (pageRequest.kind === "first") request.currentUser = { ...user, unreadNotifications: 0 };
      return reply.page("notifications", { ...notificationListView(page, pageRequest) });
    }
    if (!user) return refuse(reply, 401, NOT_LOGGED_IN, true);
    const since = request.query.since === undefined ? undefined : notificationSeqFrom(request.query.since);
    if (request.query.since !== undefined && since === undefined) {
      return refuse(reply, 400, "since must be the id of a notification (a whole number).", true);
    }
    const news = await notifications.since(user.id, since);
    reply.header("cache-control", "no-store");
    return { ...newsView(news), last: news.last };
  });
}
