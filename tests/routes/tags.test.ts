// Hashtags: #tag in a post links to /tag/<key>, a page of the posts carrying it, newest first.
import { describe, expect, it } from "vitest";
import { PAGE_SIZE } from "../../app/domain/page.js";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { sideDoor } from "../helpers/posts.js";
import type { Visitor } from "../helpers/visitor.js";

const queries: string[] = [];
const { app, config } = await testApp({}, queries);
const { db, publish: post } = await sideDoor(config);
const ann = await loggedInVisitor(app, "ann");
const bob = await loggedInVisitor(app, "bob");


describe("a hashtag", () => {
  it("links to its page, whatever its case; the page lists the post under one key", async () => {
    const first = await post(ann, "Hello #Jot, and #jot again");
    const home = await ann.get("/");
    expect(home.body).toContain('Hello <a class="hashtag" href="/tag/jot">#Jot</a>, and <a class="hashtag" href="/tag/jot">#jot</a> again');
    for (const path of ["/tag/jot", "/tag/JOT", "/tag/Jot"]) {
      const page = await bob.get(path);
      expect(page.statusCode, path).toBe(200);
      expect(page.body).toContain("<h1>#jot</h1>");
      expect(page.body.match(new RegExp(`id="post-${first.id}"`, "g"))).toHaveLength(1);
    }
    expect(await db.postTag.count({ where: { postId: first.id } })).toBe(1);
  });

  it("in any script: its page is at its key, percent-encoded", async () => {
    const first = await post(ann, "Grüße aus #Köln und #東京");
    expect((await bob.get("/explore")).body).toContain('<a class="hashtag" href="/tag/k%C3%B6ln">#Köln</a>');
    for (const path of ["/tag/k%C3%B6ln", "/tag/K%C3%B6ln", "/tag/%E6%9D%B1%E4%BA%AC"]) {
      expect((await bob.get(path)).body, path).toContain(`id="post-${first.id}"`);
    }
  });

  it("that names no tag is the 404 page; a tag no post carries is an empty page", async () => {
    for (const path of ["/tag/123", "/tag/a%20b", "/tag/%3Cscript%3E", `/tag/${"a".repeat(51)}`, "/tag/a-b", "/tag/%F0%9F%98%80"]) {
      expect((await bob.get(path)).statusCode, path).toBe(404);
    }
    const empty = await bob.get("/tag/nothing_here");
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain("No posts with #nothing_here yet.");
  });

  it("pages newest first, a page at a time, in one statement at any depth", async () => {
    for (let i = 0; i < 30; i++) await post(ann, `Number ${i} #many`);
    queries.length = 0;
    const first = await bob.get("/tag/many");
    expect(queries.filter((sql) => /"PostTag"/.test(sql))).toHaveLength(1);
    expect(first.body).toContain("Number 29 ");
    expect(first.body).toContain(`Number ${30 - PAGE_SIZE} `);
    expect(first.body).not.toContain(`Number ${29 - PAGE_SIZE} `);
    const older = /class="pager-older" href="([^"]+)"/.exec(first.body)![1]!.replaceAll("&amp;", "&");
    const second = await bob.get(older);
    expect(second.body).toContain("Number 0 ");
    expect(second.body).toContain(`Number ${29 - PAGE_SIZE} `);
    expect(second.body).not.toContain(`Number ${30 - PAGE_SIZE} `);
    expect((await bob.get("/tag/many?before=tampered")).statusCode).toBe(400);
  });

  it("lists replies that carry it; a deleted post leaves it, also one kept above its replies", async () => {
    const root = await post(ann, "Root #gone");
    await bob.submit(`/post/${root.id}`, `/post/${root.id}/replies`, { body: "A reply #gone" });
    const reply = await db.post.findFirstOrThrow({ where: { body: "A reply #gone" } });
    const alone = await post(ann, "Alone #gone");
    const listed = async () => [...(await bob.get("/tag/gone")).body.matchAll(/<li class="post" id="post-(\d+)"/g)].map((m) => Number(m[1]));
    expect(await listed()).toEqual([alone.id, reply.id, root.id]);
    for (const target of [root, alone]) await ann.submit(`/post/${target.id}/delete`, `/post/${target.id}/delete`, {});
    expect(await listed()).toEqual([reply.id]);
    expect(await db.postTag.count({ where: { postId: { in: [root.id, alone.id] } } })).toBe(0);
  });

  it("files a post under its first 10 tags", async () => {
    const first = await post(ann, Array.from({ length: 12 }, (_, i) => `#tag${i}`).join(" "));
    expect(await db.postTag.count({ where: { postId: first.id } })).toBe(10);
    expect((await bob.get("/tag/tag11")).body).not.toContain(`id="post-${first.id}"`);
  });

  it("needs a login", async () => {
    const page = await app.inject({ method: "GET", url: "/tag/jot" });
    expect(page.statusCode).toBe(303);
  });
});
