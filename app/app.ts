import type { Writable } from "node:stream";
import fastifyCompress from "@fastify/compress";
import fastifyFormbody from "@fastify/formbody";
import Fastify, { type FastifyInstance } from "fastify";
import { composeServices } from "./compose.js";
import type { Config } from "./config.js";
import type { OpenOptions } from "./database/client.js";
import { openDatabase, openNews } from "./database/open.js";
import { prettyLog } from "./http/pretty-log.js";
import { OneLinePerRequest, requestForTheLog } from "./http/request-log.js";
import { createMailer } from "./mail/mailer.js";
import currentUserPlugin from "./plugins/current-user.js";
import csrfPlugin from "./plugins/csrf.js";
import errorPagesPlugin, { clientErrorAnswer, frameworkErrorPage } from "./plugins/error-pages.js";
import { NotificationHub } from "./services/notifications/notification-hub.js";
import knownDevicesPlugin from "./plugins/known-devices.js";
import sessionPlugin from "./plugins/session.js";
import staticFilesPlugin from "./plugins/static-files.js";
import securityHeadersPlugin from "./plugins/security-headers.js";
import viewsPlugin, { createEta } from "./plugins/views.js";
import accountRoutes from "./routes/account.js";
import avatarRoutes from "./routes/avatar.js";
import devMailRoutes from "./routes/dev-mail.js";
import devStyleguideRoutes from "./routes/dev-styleguide.js";
import editProfileRoutes from "./routes/edit-profile.js";
import emailConfirmationRoutes from "./routes/email-confirmation.js";
import followRoutes from "./routes/follow.js";
import homeRoutes from "./routes/home.js";
import postRoutes from "./routes/post.js";
import reactionRoutes from "./routes/reactions.js";
import tagRoutes from "./routes/tags.js";
import messageRoutes from "./routes/messages.js";
import notificationRoutes from "./routes/notifications.js";
import passwordResetRoutes from "./routes/password-reset.js";
import profileRoutes from "./routes/profile.js";
import settingsRoutes from "./routes/settings.js";

const trustedHops = (hops: number) => (_address: string, hop: number) => hop < hops;

export const BODY_LIMIT_BYTES = 64 * 1024;
/** How often the server looks for requests that are taking too long to arrive. */
const SLOW_REQUEST_CHECK_MS = 1000;

/** The composition root: wires database, repositories, services, plugins and routes. Never listens. Logs to stdout, or to `logStream`. */
export async function buildApp(config: Config, databaseOptions: OpenOptions = {}, logStream?: Writable): Promise<FastifyInstance> {
  const production = config.env === "production";
  const eta = createEta(production);
  const stream = logStream ?? (config.env === "development" ? await prettyLog() : undefined);
  const app = Fastify({
    logger: { level: config.logLevel, serializers: { req: requestForTheLog }, ...(stream ? { stream } : {}) },
    logController: new OneLinePerRequest(),
    bodyLimit: BODY_LIMIT_BYTES,
    // A client trickling its headers or body a byte at a time would hold a connection for as
    // long as it liked: the headers must arrive in half the time, the whole request in all of it,
    // or the connection is answered 408 and closed. (Once a request has arrived, a response may
    // take as long as it needs: the notification streams last for minutes.)
    requestTimeout: config.requestTimeoutMs,
    http: { headersTimeout: config.requestTimeoutMs / 2, connectionsCheckingInterval: SLOW_REQUEST_CHECK_MS },
    // A hop count believes that many proxies in front (Fastify's own reading of a number, which its types leave out).
    trustProxy: typeof config.trustProxy === "number" ? trustedHops(config.trustProxy) : config.trustProxy,
    frameworkErrors: frameworkErrorPage(eta, production),
    clientErrorHandler: clientErrorAnswer(eta, production),
  });

  const db = await openDatabase(config.database, databaseOptions);
  app.addHook("onClose", () => db.$disconnect());
  const news = await openNews(config.database, db, app.log);
  app.addHook("onClose", () => news.close());

  const mailer = createMailer(config.mail, app.log);
  app.addHook("onClose", () => mailer.close());
  const services = composeServices(db, news, mailer, config);
  app.addHook("onClose", () => services.passwords.close());
  const { accounts, posts, follows, profiles, lastSeen, recentUsers, messages, notificationRepository, notifications } = services;
  const { resets, confirmations, registrations, limits, reactions } = services;
  // News from any process may change what a page shows about that user (their unread count).
  notificationRepository.listen((userId) => userId !== null && recentUsers.forget(userId));
  const hub = new NotificationHub(notificationRepository, config.streams, (error) => app.log.error({ err: error }, "notifications not read"));
  // Open streams never finish by themselves: they are ended first, so that closing does not wait for them.
  app.addHook("preClose", async () => hub.close());

  await app.register(securityHeadersPlugin, { production });
  await app.register(fastifyCompress, { threshold: 1024 });
  await app.register(fastifyFormbody);
  await app.register(sessionPlugin, { secret: config.sessionSecret, secureCookies: production });
  await app.register(knownDevicesPlugin, { secret: config.sessionSecret, secureCookies: production });
  await app.register(csrfPlugin);
  await app.register(currentUserPlugin, { recentUsers, lastSeen });
  await app.register(viewsPlugin, { eta, production });
  await app.register(errorPagesPlugin);
  await app.register(staticFilesPlugin, { development: config.env === "development" });

  await app.register(accountRoutes, { accounts, registrations });
  await app.register(passwordResetRoutes, { resets });
  await app.register(emailConfirmationRoutes, { confirmations });
  await app.register(homeRoutes, { posts, follows });
  await app.register(postRoutes, { posts });
  await app.register(reactionRoutes, { reactions });
  await app.register(tagRoutes, { posts });
  await app.register(profileRoutes, { profiles, follows });
  await app.register(followRoutes, { follows, limits });
  await app.register(avatarRoutes);
  await app.register(messageRoutes, { messages });
  await app.register(notificationRoutes, { hub, notifications, limits: config.streams });
  await app.register(editProfileRoutes, { accounts, recentUsers });
  await app.register(settingsRoutes, { accounts, confirmations });
  if (!production) {
    await app.register(devMailRoutes, { mail: config.mail });
    await app.register(devStyleguideRoutes);
  }
  return app;
}
