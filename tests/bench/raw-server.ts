// The raw baseline: the fastest honest way to serve the same timeline page. One SQL query through
// the database driver (better-sqlite3 or pg), the same Eta templates, no session, no Prisma, no layers.
// Usage: tsx tests/bench/raw-server.ts <database URL> <port>
import { join } from "node:path";
import { Eta } from "eta";
import Fastify from "fastify";
import { decodeCursor, type Page } from "../../app/domain/page.js";
import type { PostWithAuthor } from "../../app/domain/post.js";
import { postListView } from "../../app/view-models/post-list.js";
import { rawPageQuery } from "./raw-rows.js";

const [databaseUrl, port] = process.argv.slice(2);
const pageOf = rawPageQuery(databaseUrl!);
const eta = new Eta({ views: join(import.meta.dirname, "..", "..", "views"), cache: true });

const app = Fastify();
app.get<{ Querystring: { before?: string } }>("/", async (request, reply) => {
  const cursor = request.query.before ? decodeCursor(request.query.before) : undefined;
  const rows = await pageOf(cursor);
  const items: PostWithAuthor[] = rows.slice(0, 25).map((r) => ({
    id: r.id,
    body: r.body,
    authorId: r.authorId,
    createdAt: r.createdAt,
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
