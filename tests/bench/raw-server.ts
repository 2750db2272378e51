// The raw twins: the fastest honest way to serve the same pages. The SQL Jot runs, straight through
// the database driver (raw-database.ts), the same Eta templates and view models, no session, no CSRF,
// no Prisma, no layers.
// Usage: tsx tests/bench/raw-server.ts <database URL> <port> <username whose posts it writes>
import fastifyFormbody from "@fastify/formbody";
import Fastify, { type FastifyReply } from "fastify";
import { entryCursor } from "../../app/domain/follow.js";
import { tokenHash } from "../../app/domain/account-token.js";
import { notificationSeqFrom } from "../../app/domain/notification.js";
import { chatCursor } from "../../app/domain/message.js";
import { cursorOf, decodeCursor, PAGE_SIZE, type Cursor, type Page, type PageRequest } from "../../app/domain/page.js";
import { createPost } from "../../app/domain/post.js";
import { tagKey, tagPath } from "../../app/domain/text-links.js";
import { FIELD_RULES, usernameKey } from "../../app/domain/user.js";
import { toFollowEntry, toStanding } from "../../app/mappers/follow-mapper.js";
import { toChat, toMessage } from "../../app/mappers/message-mapper.js";
import { toPostWithAuthor } from "../../app/mappers/post-mapper.js";
import { publicVersion } from "../../app/plugins/public-files.js";
import { createEta } from "../../app/plugins/views.js";
import { notificationCursor, toListedNotification, toNotification } from "../../app/mappers/notification-mapper.js";
import { chatListView, chatView } from "../../app/view-models/chats.js";
import { followListView, suggestionViews } from "../../app/view-models/follow-list.js";
import { notificationListView } from "../../app/view-models/notification-list.js";
import { newsView } from "../../app/view-models/notification-view.js";
import { conversationView } from "../../app/view-models/conversation.js";
import { postListView } from "../../app/view-models/post-list.js";
import { profileCardView } from "../../app/view-models/profile-card.js";
import { avatarUrl, profileUrl, withRepliesUrl } from "../../app/view-models/urls.js";
import { rawDatabase, readAs, type RawRow } from "./raw-database.js";

const [databaseUrl, port, writer] = process.argv.slice(2);
const db = rawDatabase(databaseUrl!);
const writerId = (await db.userByKey(usernameKey(writer!)))!.id;
readAs(writerId);
// Jot's own engine settings (production), so that the pages are the same bytes.
const eta = createEta(true);
// The same bytes as Jot's pages: the layout asks for the stylesheet and script by their version.
const CSRF = { csrfToken: "raw-twin-has-no-session", assetVersion: publicVersion() };
const ANONYMOUS = { currentUser: null, ...CSRF, flashes: [] };
/** What Jot's reply.page gives the layout: the writer logged in, the nav marking the page at `url`. */
const loggedIn = (url: string) => ({
  currentUser: { id: writerId, username: writer, email: `${writer}@bench.example`, emailVerified: true, unreadMessages: 0, unreadNotifications: 0, notificationSeq: 0 },
  currentPath: url.split("?", 1)[0],
  ...CSRF,
  flashes: [],
});

/** A page of up to PAGE_SIZE items from the PAGE_SIZE + 1 rows read past `cursor` (or from the start). */
function pageOf<Row, Item>(rows: Row[], cursor: Cursor | undefined, toItem: (row: Row) => Item, cursorFor: (item: Item) => Cursor): Page<Item> {
  const items = rows.slice(0, PAGE_SIZE).map(toItem);
  return {
    items,
    newer: cursor && items[0] && cursorFor(items[0]),
    older: rows.length > PAGE_SIZE ? cursorFor(items.at(-1)!) : undefined,
  };
}
const postsOf = (rows: RawRow[], cursor: Cursor | undefined) => pageOf(rows, cursor, toPostWithAuthor, cursorOf);

const cursorIn = (query: { before?: string }) => (query.before ? decodeCursor(query.before) : undefined);
const requestOf = (cursor: Cursor | undefined): PageRequest => (cursor ? { kind: "older", cursor } : { kind: "first" });
/** The user a URL names, or a 404. */
async function namedUser(username: string) {
  const user = await db.userByKey(usernameKey(username));
  if (!user) throw Object.assign(new Error("no such user"), { statusCode: 404 });
  return user;
}
const html = (reply: FastifyReply, template: string, view: object) => reply.type("text/html; charset=utf-8").send(eta.render(template, view));

interface UserRoute {
  Params: { username: string };
  Querystring: { before?: string };
}

const app = Fastify();
await app.register(fastifyFormbody);

// Who to follow, beside home and explore (the bench's feeds are never empty).
const side = async (here: string) => suggestionViews(await db.suggestions(writerId), here);

app.get<{ Querystring: { before?: string } }>("/", async (request, reply) => {
  const cursor = cursorIn(request.query);
  const page = postsOf(await db.feed(writerId, cursor), cursor);
  const suggestions = await side("/");
  return html(reply, "home", {
    ...loggedIn(request.url),
    title: "Home",
    maxLength: 140,
    avatarUrl: avatarUrl(writerId),
    body: "",
    errors: {},
    suggestions,
    side: suggestions,
    ...postListView(page, "/", requestOf(cursor)),
  });
});

app.get<{ Querystring: { before?: string } }>("/explore", async (request, reply) => {
  const cursor = cursorIn(request.query);
  const page = postsOf(await db.page(cursor), cursor);
  return html(reply, "explore", { ...loggedIn(request.url), title: "Explore", side: await side("/explore"), ...postListView(page, "/explore", requestOf(cursor)) });
});

app.get<UserRoute>("/user/:username", async (request, reply) => {
  const user = await namedUser(request.params.username);
  const cursor = cursorIn(request.query);
  const page = postsOf(await db.page(cursor, user.id), cursor);
  const standing = toStanding(await db.standing(user.id, writerId));
  return html(reply, "profile", {
    ...loggedIn(request.url),
    title: user.username,
    card: profileCardView(user, standing, writerId, request.url),
    tabs: [
      { label: "Posts", url: profileUrl(user.username), current: true },
      { label: "Posts and replies", url: withRepliesUrl(user.username), current: false },
    ],
    ...postListView(page, profileUrl(user.username), requestOf(cursor)),
  });
});

app.get<UserRoute>("/user/:username/followers", async (request, reply) => {
  const user = await namedUser(request.params.username);
  const cursor = cursorIn(request.query);
  const entries = pageOf(await db.followers(user.id, writerId, cursor), cursor, toFollowEntry, entryCursor);
  return html(reply, "follow-list", { ...loggedIn(request.url), ...followListView("followers", user, entries, writerId, request.url, requestOf(cursor)) });
});

app.get<{ Params: { id: string } }>("/post/:id", async (request, reply) => {
  const id = Number(request.params.id);
  const [chain, replies] = await Promise.all([db.thread(id), db.replies(id)]);
  const post = chain.pop();
  if (!post) throw Object.assign(new Error("no such post"), { statusCode: 404 });
  const conversation = { post: toPostWithAuthor(post), ancestors: chain.map(toPostWithAuthor), replies: postsOf(replies, undefined) };
  // The bench's posts are never edited: no earlier versions to read, as Jot reads none.
  const view = conversationView({ ...conversation, replies: { items: conversation.replies.items, newer: conversation.replies.older }, versions: [] }, writerId, undefined);
  return html(reply, "post", { ...loggedIn(request.url), ...view, maxLength: 140, body: "", errors: {}, focus: false });
});

app.get<{ Params: { tag: string } }>("/tag/:tag", async (request, reply) => {
  const tag = tagKey(request.params.tag);
  const page = postsOf(await db.tagged(tag), undefined);
  return html(reply, "tag", { ...loggedIn(request.url), title: `#${tag}`, tag, ...postListView(page, tagPath(tag), requestOf(undefined)) });
});

// A fragment, as Jot's reply.fragment renders it: no layout, only a CSRF token beside the card.
app.get<UserRoute>("/user/:username/popup", async (request, reply) => {
  const user = await namedUser(request.params.username);
  const standing = toStanding(await db.standing(user.id, writerId));
  return html(reply, "popup", { ...CSRF, card: profileCardView(user, standing, writerId, profileUrl(user.username)) });
});

// The conversations, newest first.
app.get("/messages", async (request, reply) => {
  const page = pageOf(await db.chats(writerId), undefined, toChat, chatCursor);
  return html(reply, "messages", { ...loggedIn(request.url), title: "Messages", ...chatListView(page, writerId, requestOf(undefined)) });
});

// A conversation, read already (nothing unread: Jot writes nothing either).
app.get<UserRoute>("/messages/:username", async (request, reply) => {
  const other = await namedUser(request.params.username);
  const page = pageOf(await db.between(writerId, other.id), undefined, toMessage, cursorOf);
  const view = chatView(other, page, writerId, requestOf(undefined));
  return html(reply, "conversation", { ...loggedIn(request.url), ...view, message: "", errors: {}, focus: false, maxLength: 140, unconfirmedNoticeInPage: true });
});

// The notifications page (its first page, all read), and for the script's poll (asking for JSON,
// with the notifications it has seen, ?since=) the news.
app.get<{ Querystring: { since?: string } }>("/notifications", async (request, reply) => {
  if (!(request.headers.accept ?? "").includes("application/json")) {
    const page = pageOf(await db.notificationsPage(writerId), undefined, toListedNotification, notificationCursor);
    return html(reply, "notifications", { ...loggedIn(request.url), ...notificationListView(page, requestOf(undefined)) });
  }
  const since = notificationSeqFrom(request.query.since);
  // Only the poll measured: one that has seen something (Jot answers one without ?since= too).
  if (since === undefined) return reply.code(400).send({ error: "the twin answers ?since=<number> only" });
  const rows = await db.news(writerId, since);
  // The LEFT JOINs keep the user's row with no news too: it carries the unread count and the latest number.
  const { unread, unreadNotifications, latest } = rows[0]!;
  const notifications = rows.filter((row) => row.seq !== null).map(toNotification);
  // As NotificationService.since: the number to poll after next.
  const news = { notifications, unreadMessages: Number(unread), unreadNotifications: Number(unreadNotifications) };
  return { ...newsView(news), last: notifications.at(-1)?.seq ?? Math.min(since, latest) };
});

// The logged-in layout around the forms, and whether a new address is waiting to be confirmed.
app.get("/settings", async (request, reply) => {
  const changingTo = await db.addressBeingConfirmed(writerId);
  return html(reply, "settings", {
    ...loggedIn(request.url),
    title: "Settings",
    changingTo,
    email: "",
    emailErrors: {},
    passwordErrors: {},
    rules: FIELD_RULES,
  });
});

app.get("/reset_password_request", async (_request, reply) => {
  return html(reply, "reset-request", { ...ANONYMOUS, title: "Reset your password", values: { email: "" }, errors: {} });
});

app.get<{ Params: { token: string } }>("/reset_password/:token", async (request, reply) => {
  const hash = tokenHash(request.params.token);
  if (!hash || !(await db.liveToken(hash, "reset"))) return reply.code(410).send("gone");
  return html(reply, "reset-password", { ...ANONYMOUS, title: "Choose a new password", action: `/reset_password/${request.params.token}`, errors: {}, rules: FIELD_RULES });
});

app.get("/login", async (_request, reply) => {
  return html(reply, "login", { ...ANONYMOUS, title: "Sign in", values: { username: "", remember: false }, errors: {}, bare: true });
});

app.post<{ Params: { id: string }; Body: { next?: string } }>("/post/:id/like", async (request, reply) => {
  const postId = Number(request.params.id);
  // As Jot does: counted against the liker's limit first, then the like and its count in one transaction.
  await db.hit(`like:user:${writerId}`, Math.floor(Date.now() / 60_000), Math.floor((Date.now() + 600_000) / 60_000));
  if ((await db.like(writerId, postId)) === undefined) throw Object.assign(new Error("no such post"), { statusCode: 404 });
  return reply.redirect(`${request.body?.next ?? "/"}#post-${postId}`, 303);
});

app.post<{ Body: { body?: string } }>("/posts", async (request, reply) => {
  const post = createPost(writerId, String(request.body?.body ?? ""));
  // As Jot does: the post counted against the writer's limit first (ten-minute windows).
  await db.hit(`post:user:${writerId}`, Math.floor(Date.now() / 60_000), Math.floor((Date.now() + 600_000) / 60_000));
  await db.addPost(post.authorId, post.body);
  return reply.redirect("/", 303);
});

await app.listen({ host: "127.0.0.1", port: Number(port) });
