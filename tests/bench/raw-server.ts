// The raw twins: the fastest honest way to serve the same pages. The SQL Jot runs, straight through
// the database driver (raw-database.ts), the same Eta templates and view model, no session, no CSRF,
// no Prisma, no layers.
// Usage: tsx tests/bench/raw-server.ts <database URL> <port> <username whose posts it writes>
import { join } from "node:path";
import fastifyFormbody from "@fastify/formbody";
import { Eta } from "eta";
import Fastify from "fastify";
import { decodeCursor, type Cursor, type Page, type PageRequest } from "../../app/domain/page.js";
import { createPost, type PostWithAuthor } from "../../app/domain/post.js";
import { usernameKey } from "../../app/domain/user.js";
import { postListView, utcTime } from "../../app/view-models/post-list.js";
import { profileUrl } from "../../app/view-models/urls.js";
import { standingView } from "../../app/view-models/standing.js";
import { rawDatabase, type RawRow } from "./raw-database.js";

const [databaseUrl, port, writer] = process.argv.slice(2);
const db = rawDatabase(databaseUrl!);
const writerId = (await db.userByKey(usernameKey(writer!)))!.id;
const eta = new Eta({ views: join(import.meta.dirname, "..", "..", "views"), cache: true });
const LOGGED_IN = { currentUser: { username: writer }, currentPath: "", csrfToken: "raw-twin-has-no-session", flashes: [] };

function pageOf(rows: RawRow[], cursor: Cursor | undefined): Page<PostWithAuthor> {
  const items = rows.slice(0, 25).map((r) => ({
    id: r.id,
    body: r.body,
    authorId: r.authorId,
    createdAt: r.createdAt,
    author: { id: r.authorId, username: r.username },
  }));
  return { items, newer: cursor && items[0], older: rows.length > 25 ? items.at(-1) : undefined };
}

const requestOf = (cursor: Cursor | undefined): PageRequest => (cursor ? { kind: "older", cursor } : { kind: "first" });

const app = Fastify();
await app.register(fastifyFormbody);

app.get<{ Querystring: { before?: string } }>("/", async (request, reply) => {
  const cursor = request.query.before ? decodeCursor(request.query.before) : undefined;
  const page = pageOf(await db.feed(writerId, cursor), cursor);
  const view = { ...LOGGED_IN, title: "Home", maxLength: 140, body: "", errors: {}, ...postListView(page, "/", requestOf(cursor)) };
  return reply.type("text/html; charset=utf-8").send(eta.render("home", view));
});

app.get<{ Querystring: { before?: string } }>("/explore", async (request, reply) => {
  const cursor = request.query.before ? decodeCursor(request.query.before) : undefined;
  const page = pageOf(await db.page(cursor), cursor);
  const view = { ...LOGGED_IN, title: "Explore", ...postListView(page, "/explore", requestOf(cursor)) };
  return reply.type("text/html; charset=utf-8").send(eta.render("explore", view));
});

app.get<{ Params: { username: string }; Querystring: { before?: string } }>("/user/:username", async (request, reply) => {
  const user = await db.userByKey(usernameKey(request.params.username));
  if (!user) return reply.code(404).send("no such user");
  const cursor = request.query.before ? decodeCursor(request.query.before) : undefined;
  const page = pageOf(await db.page(cursor, user.id), cursor);
  const counts = await db.standing(user.id, writerId);
  const standing = {
    posts: Number(counts.posts),
    followers: Number(counts.followers),
    following: Number(counts.following),
    followedByViewer: Boolean(Number(counts.followedByViewer)),
  };
  const view = {
    ...LOGGED_IN,
    title: user.username,
    username: user.username,
    aboutMe: user.aboutMe,
    memberSince: user.createdAt.toISOString().slice(0, 10),
    lastSeen: user.lastSeen && { iso: user.lastSeen.toISOString(), text: utcTime(user.lastSeen) },
    ...standingView(standing, user.username, user.id === writerId, request.url),
    ...postListView(page, profileUrl(user.username), requestOf(cursor)),
  };
  return reply.type("text/html; charset=utf-8").send(eta.render("profile", view));
});

app.get("/login", async (_request, reply) => {
  const view = { currentUser: null, csrfToken: "raw-twin-has-no-session", flashes: [], title: "Sign in", values: { username: "", remember: false }, errors: {} };
  return reply.type("text/html; charset=utf-8").send(eta.render("login", view));
});

app.post<{ Body: { body?: string } }>("/posts", async (request, reply) => {
  const post = createPost(writerId, String(request.body?.body ?? ""));
  await db.addPost(post.authorId, post.body);
  return reply.redirect("/", 303);
});

await app.listen({ host: "127.0.0.1", port: Number(port) });
