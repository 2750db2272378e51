// The raw baseline: the fastest honest way to serve the same timeline page. One SQL query through
// better-sqlite3, the same Eta templates, no session, no Prisma, no layers.
// Usage: tsx tests/bench/raw-server.ts <sqlite file> <port>
import { join } from "node:path";
import Database from "better-sqlite3";
import { Eta } from "eta";
import Fastify from "fastify";
import { decodeCursor, type Page } from "../../app/domain/page.js";
import type { PostWithAuthor } from "../../app/domain/post.js";
import { postListView } from "../../app/view-models/post-list.js";

const [file, port] = process.argv.slice(2);
const db = new Database(file!, { readonly: true });
const eta = new Eta({ views: join(import.meta.dirname, "..", "..", "views"), cache: true });

type Row = { id: number; body: string; createdAt: string; authorId: number; username: string };
const SELECT = "SELECT p.id, p.body, p.createdAt, p.authorId, u.username FROM Post p JOIN User u ON u.id = p.authorId";
const NEWEST_FIRST = "ORDER BY p.createdAt DESC, p.id DESC LIMIT 26";
const firstPage = db.prepare<[], Row>(`${SELECT} ${NEWEST_FIRST}`);
const olderPage = db.prepare<[string, string, number], Row>(
  `${SELECT} WHERE p.createdAt <= ? AND (p.createdAt < ? OR p.id < ?) ${NEWEST_FIRST}`,
);

// Stored the way Prisma's SQLite adapter writes DateTime, so comparisons match.
const stored = (date: Date) => date.toISOString().replace("Z", "+00:00");

const app = Fastify();
app.get<{ Querystring: { before?: string } }>("/", async (request, reply) => {
  const cursor = request.query.before ? decodeCursor(request.query.before) : undefined;
  const rows = cursor
    ? olderPage.all(stored(cursor.createdAt), stored(cursor.createdAt), cursor.id)
    : firstPage.all();
  const items: PostWithAuthor[] = rows.slice(0, 25).map((r) => ({
    id: r.id,
    body: r.body,
    authorId: r.authorId,
    createdAt: new Date(r.createdAt),
    author: { id: r.authorId, username: r.username },
  }));
  const result: Page<PostWithAuthor> = {
    items,
    newer: cursor && items[0] ? items[0] : undefined,
    older: rows.length > 25 ? items.at(-1) : undefined,
  };
  const html = eta.render("home", {
    title: "Home",
    currentUser: { username: "bench" },
    csrfToken: "raw-baseline-has-no-session",
    flashes: [],
    maxLength: 140,
    body: "",
    errors: {},
    ...postListView(result, "/", cursor ? { kind: "older", cursor } : { kind: "first" }),
  });
  return reply.type("text/html; charset=utf-8").send(html);
});

await app.listen({ host: "127.0.0.1", port: Number(port) });
