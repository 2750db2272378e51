// Replies: answering a post from its page, the conversation around a post, the feed's rule for
// replies, a profile's two tabs, and deleting a post that replies hang on.
import { describe, expect, it } from "vitest";
import { PAGE_SIZE } from "../../app/domain/page.js";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { sideDoor } from "../helpers/posts.js";
import { csrfTokenIn, type Visitor } from "../helpers/visitor.js";

const { app, config, visitor } = await testApp();
const { db, publish: post } = await sideDoor(config);
const ann = await loggedInVisitor(app, "ann");
const bob = await loggedInVisitor(app, "bob");
const cat = await loggedInVisitor(app, "cat");


/** Replies to post `id` as `who` through the form on its page; returns the response. */
const reply = (who: Visitor, id: number, body: string) => who.submit(`/post/${id}`, `/post/${id}/replies`, { body });

/** The reply `who` just sent, by its text. */
async function replied(who: Visitor, id: number, body: string) {
  const response = await reply(who, id, body);
  expect(response.statusCode).toBe(303);
  return db.post.findFirstOrThrow({ where: { body }, orderBy: { id: "desc" } });
}

const countOf = async (id: number) => (await db.post.findUniqueOrThrow({ where: { id } })).replyCount;
const repliesOf = (id: number) => db.post.count({ where: { replyToId: id, deletedAt: null } });

describe("replying", () => {
  it("from a post's page: the reply's own page shows it under the post it answers, and says whom it answers", async () => {
    const first = await post(ann, "Anyone up for a walk?");
    const page = await bob.get(`/post/${first.id}`);
    expect(page.body).toContain(`<form method="post" action="/post/${first.id}/replies" class="card post-form" id="reply" novalidate>`);
    expect(page.body).toContain('<label for="body">Your reply to ann</label>');

    const response = await reply(bob, first.id, "Count me in");
    const answer = await db.post.findFirstOrThrow({ where: { body: "Count me in" } });
    expect(response.headers.location).toBe(`/post/${answer.id}`);
    expect(answer).toMatchObject({ replyToId: first.id, replyToAuthorId: first.authorId });
    const own = await bob.get(`/post/${answer.id}`);
    expect(own.body).toContain("Your reply is posted.");
    expect(own.body).toContain('Replying to <a class="user-link" href="/user/ann">@ann</a>');
    // What it answers comes first, then the reply itself.
    expect(own.body.indexOf("Anyone up for a walk?")).toBeLessThan(own.body.indexOf("Count me in"));
    expect(own.body).toContain('aria-label="The conversation so far"');
  });

  it("counts each reply on the post it answers, lists replies oldest first, and names the count in the reply button", async () => {
    const first = await post(ann, "Favourite tea?");
    await replied(bob, first.id, "Earl Grey");
    await replied(cat, first.id, "Rooibos");
    expect(await countOf(first.id)).toBe(2);
    const page = await ann.get(`/post/${first.id}`);
    expect(page.body.indexOf("Earl Grey")).toBeLessThan(page.body.indexOf("Rooibos"));
    expect(page.body).toContain(`aria-label="Reply to ann, 2 replies"`);
    expect((await ann.get("/explore")).body).toContain(`<div class="post-actions"><a href="/post/${first.id}?reply" aria-label="Reply to ann, 2 replies">2</a>`);
  });

  it("'Reply' leads to the post's page with the form focused; the plain page does not take the focus", async () => {
    const first = await post(ann, "Focus test");
    expect((await bob.get(`/post/${first.id}?reply`)).body).toMatch(/<textarea id="body"[^>]* autofocus>/);
    expect((await bob.get(`/post/${first.id}`)).body).not.toContain("autofocus");
  });

  it("keeps the text and says what is wrong beside the field: blank, or over 140", async () => {
    const first = await post(ann, "Say something long");
    const blank = await reply(bob, first.id, "   ");
    expect(blank.statusCode).toBe(422);
    expect(blank.body).toContain('<p class="field-error" id="body-error">');
    const long = "é".repeat(141);
    const over = await reply(bob, first.id, long);
    expect(over.statusCode).toBe(422);
    expect(over.body).toContain(`${long}</textarea>`);
    expect(over.body).toMatch(/<textarea id="body"[^>]* autofocus>/);
    expect(await countOf(first.id)).toBe(0);
  });

  it("refuses a reply to a post deleted meanwhile with a message, and offers the text as a post of its own", async () => {
    for (const withReplies of [false, true]) {
      const first = await post(ann, `Soon gone ${withReplies}`);
      if (withReplies) await replied(cat, first.id, `Quick answer ${withReplies}`);
      const form = await bob.get(`/post/${first.id}`);
      await ann.submit(`/post/${first.id}/delete`, `/post/${first.id}/delete`, {});
      const late = await bob.post(`/post/${first.id}/replies`, { _csrf: csrfTokenIn(form.body), body: "Too late <b>answer</b>" });
      expect(late.statusCode).toBe(410);
      expect(late.body).toContain("This post was deleted, so it can no longer be answered. Your reply was not sent.");
      expect(late.body).toContain('<form method="post" action="/posts"');
      expect(late.body).toContain("Too late &lt;b&gt;answer&lt;/b&gt;</textarea>");
      expect(await db.post.count({ where: { body: "Too late <b>answer</b>" } })).toBe(0);
    }
  });

  it("answers a link that names no post with a 404, writing nothing", async () => {
    const page = await bob.get("/");
    for (const id of ["abc", "-1", "1.5", "99999999999"]) {
      expect((await bob.post(`/post/${id}/replies`, { _csrf: csrfTokenIn(page.body), body: "Hello?" })).statusCode).toBe(404);
    }
    expect(await db.post.count({ where: { body: "Hello?" } })).toBe(0);
  });

  it("is refused, text kept, until the address is confirmed", async () => {
    const first = await post(ann, "For the confirmed");
    const fresh = visitor();
    await fresh.register("newbie", undefined, undefined, { confirm: false });
    await fresh.login("newbie");
    const page = await fresh.get(`/post/${first.id}`);
    expect(page.body).toMatch(/<textarea id="body"[^>]* disabled>/);
    const refused = await fresh.post(`/post/${first.id}/replies`, { _csrf: csrfTokenIn(page.body), body: "Me too" });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain("Confirm your email address before you post");
    expect(await countOf(first.id)).toBe(0);
  });
});

describe("a post's page", () => {
  it("shows at most 10 posts above it, with a link further up when the conversation goes on", async () => {
    let above = await post(ann, "Link 0");
    const chain = [above];
    for (let i = 1; i <= 12; i++) {
      above = await replied(i % 2 ? bob : ann, above.id, `Link ${i}`);
      chain.push(above);
    }
    const last = await ann.get(`/post/${chain[12]!.id}`);
    for (let i = 2; i <= 12; i++) expect(last.body).toContain(`Link ${i}<`);
    expect(last.body).not.toContain("Link 1<");
    expect(last.body).toContain(`<a href="/post/${chain[1]!.id}">Earlier in the conversation</a>`);
    const earlier = await ann.get(`/post/${chain[1]!.id}`);
    expect(earlier.body).toContain("Link 0<");
    expect(earlier.body).not.toContain("Earlier in the conversation");
  });

  it("pages its replies oldest first, a page at a time; a reply's own replies are a link to its page", async () => {
    const first = await post(ann, "Numbers, please");
    const rows = Array.from({ length: 30 }, (_, i) => ({
      authorId: first.authorId,
      body: `Number ${String(i).padStart(2, "0")}`,
      replyToId: first.id,
      replyToAuthorId: first.authorId,
      createdAt: new Date(Date.now() - (30 - i) * 1000),
    }));
    await db.post.createMany({ data: rows });
    const nested = await db.post.findFirstOrThrow({ where: { body: "Number 00" } });
    await replied(bob, nested.id, "Nested answer");

    const page = await bob.get(`/post/${first.id}`);
    expect(page.body).toContain("Number 00");
    const number = (i: number) => `Number ${String(i).padStart(2, "0")}`;
    expect(page.body).toContain(number(PAGE_SIZE - 1));
    expect(page.body).not.toContain(number(PAGE_SIZE));
    expect(page.body).not.toContain("Nested answer");
    expect(page.body).toContain(`<a class="post-replies-link" href="/post/${nested.id}">1 reply</a>`);
    const later = /class="pager-older" href="([^"]+)"/.exec(page.body)![1]!;
    const second = await bob.get(later.replaceAll("&amp;", "&"));
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain(number(PAGE_SIZE));
    expect(second.body).toContain("Number 29");
    expect(second.body).not.toContain(number(PAGE_SIZE - 1));
    expect(second.body).toContain(`<a class="pager-newer" href="/post/${first.id}#replies">&larr; First replies</a>`);
    expect((await bob.get(`/post/${first.id}?after=tampered`)).statusCode).toBe(400);
  });
});

describe("the followed feed", () => {
  it("shows a reply when the reader follows its author and the person answered, or is the one answered", async () => {
    const reader = await loggedInVisitor(app, "reader");
    await reader.submit("/user/bob", "/follow/bob", {});
    const toAnn = await post(ann, "Ann asks");
    const toReader = await post(reader, "Reader asks");
    await replied(bob, toAnn.id, "Bob answers Ann");
    await replied(bob, toReader.id, "Bob answers the reader");
    const own = await post(bob, "Bob starts a thread");
    await replied(bob, own.id, "Bob goes on with it");

    let feed = (await reader.get("/")).body;
    expect(feed).not.toContain("Bob answers Ann");
    expect(feed).toContain("Bob answers the reader");
    expect(feed).toContain("Bob goes on with it");
    await reader.submit("/user/ann", "/follow/ann", {});
    feed = (await reader.get("/")).body;
    expect(feed).toContain("Bob answers Ann");
  });
});

describe("a profile's tabs", () => {
  it("'Posts' leaves out replies to others; 'Posts and replies' has them all", async () => {
    const first = await post(ann, "Tabs question");
    await replied(cat, first.id, "Cat's reply to Ann");
    const own = await post(cat, "Cat's own post");
    await replied(cat, own.id, "Cat's follow-up");
    const posts = (await bob.get("/user/cat")).body;
    expect(posts).toContain('<a href="/user/cat" aria-current="page">Posts</a>');
    expect(posts).toContain("Cat&#39;s own post");
    expect(posts).toContain("Cat&#39;s follow-up");
    expect(posts).not.toContain("Cat&#39;s reply to Ann");
    const all = (await bob.get("/user/cat/with_replies")).body;
    expect(all).toContain('<a href="/user/cat/with_replies" aria-current="page">Posts and replies</a>');
    expect(all).toContain("Cat&#39;s reply to Ann");
    expect((await bob.get("/user/nobody-here/with_replies")).statusCode).toBe(404);
  });
});

describe("deleting a post with replies", () => {
  it("leaves 'This post was deleted' above its replies, nothing of it kept, and takes it out of every list", async () => {
    const first = await post(ann, "Regrettable words");
    const answer = await replied(bob, first.id, "Steady on");
    const postsBefore = (await db.user.findUniqueOrThrow({ where: { usernameKey: "ann" } })).postCount;
    await ann.submit(`/post/${first.id}/delete`, `/post/${first.id}/delete`, {});

    const kept = await db.post.findUniqueOrThrow({ where: { id: first.id } });
    expect(kept.body).toBe("");
    expect(kept.deletedAt).not.toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { usernameKey: "ann" } })).postCount).toBe(postsBefore - 1);

    const page = await bob.get(`/post/${first.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("This post was deleted.");
    expect(page.body).toContain("Steady on");
    expect(page.body).not.toContain('id="reply"');
    const replyPage = await bob.get(`/post/${answer.id}`);
    expect(replyPage.body).toContain("This post was deleted.");
    expect(replyPage.body).toContain("Steady on");
    for (const path of ["/explore", "/user/ann", "/user/ann/with_replies", "/"]) {
      expect((await ann.get(path)).body, path).not.toContain(`href="/post/${first.id}"`);
    }
    // Not a second time, and not its question page either.
    expect((await ann.get(`/post/${first.id}/delete`)).statusCode).toBe(404);
  });

  it("uncounts a deleted reply on the post it answered, and deletes a post without replies outright", async () => {
    const first = await post(ann, "Count me right");
    const answer = await replied(bob, first.id, "Deleted in a moment");
    expect(await countOf(first.id)).toBe(1);
    await bob.submit(`/post/${answer.id}/delete`, `/post/${answer.id}/delete`, {});
    expect(await countOf(first.id)).toBe(0);
    expect(await db.post.count({ where: { id: answer.id } })).toBe(0);
    expect((await ann.get(`/post/${first.id}`)).body).toContain("No replies yet.");
  });

  it("an account deleted takes its replies from the counts of the posts they answered", async () => {
    const first = await post(ann, "Who will stay?");
    const leaver = await loggedInVisitor(app, "leaver");
    await replied(leaver, first.id, "Not me");
    await replied(cat, first.id, "Me");
    expect(await countOf(first.id)).toBe(2);
    const settings = await leaver.get("/settings");
    expect((await leaver.post("/settings/delete", { _csrf: csrfTokenIn(settings.body), delete_password: "correct horse" })).statusCode).toBe(303);
    expect(await countOf(first.id)).toBe(1);
    expect(await countOf(first.id)).toBe(await repliesOf(first.id));
  });
});

describe("under concurrency", () => {
  it("16 replies sent at once while the post is deleted: the count is the replies that got in, and none got in after", async () => {
    const first = await post(ann, "Race me");
    const pages = await Promise.all([bob, cat].map((who) => who.get(`/post/${first.id}`)));
    const deletion = await ann.get(`/post/${first.id}/delete`);
    const replies = Array.from({ length: 16 }, (_, i) => {
      const who = i % 2 ? bob : cat;
      return who.post(`/post/${first.id}/replies`, { _csrf: csrfTokenIn(pages[i % 2 ? 0 : 1]!.body), body: `Racing ${i}` });
    });
    const deleted = ann.post(`/post/${first.id}/delete`, { _csrf: csrfTokenIn(deletion.body) });
    const statuses = (await Promise.all([...replies, deleted])).map((r) => r.statusCode);
    expect(statuses.every((s) => s === 303 || s === 410), statuses.join()).toBe(true);
    const accepted = statuses.slice(0, 16).filter((s) => s === 303).length;
    const row = await db.post.findUnique({ where: { id: first.id } });
    // Deleted outright if no reply got in first, else kept as deleted with the replies that did.
    expect(await db.post.count({ where: { replyToId: first.id } })).toBe(accepted);
    if (row) expect(row.deletedAt).not.toBeNull();
    else expect(accepted).toBe(0);
    if (row) expect(row.replyCount).toBe(accepted);
  });
});
