// Editing one's own post: the form, the text checked as a new post's, "edited" on the post and its
// earlier texts on its page; hashtags and mentions follow the new text, and only the newly named
// are told. Someone else's post, a deleted one, or no post, and nothing is written.
import { describe, expect, it } from "vitest";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { sideDoor } from "../helpers/posts.js";
import { csrfTokenIn } from "../helpers/visitor.js";

const { app, config } = await testApp();
const { db, publish } = await sideDoor(config);
const ann = await loggedInVisitor(app, "ann");
const bob = await loggedInVisitor(app, "bob");
const carl = await loggedInVisitor(app, "carl");
const told = (name: string) => db.notification.count({ where: { user: { usernameKey: name }, kind: "mention" } });

describe("editing one's own post", () => {
  it("shows the text in a form, saves the new one back to the post's page, marked edited, the old one kept", async () => {
    const post = await publish(ann, "Helo world #tpyo");
    const page = (await ann.get(`/post/${post.id}`)).body;
    expect(page).toContain(`<a href="/post/${post.id}/edit">Edit this post</a>`);
    const form = await ann.get(`/post/${post.id}/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(">Helo world #tpyo</textarea>");

    const saved = await ann.submit(`/post/${post.id}/edit`, `/post/${post.id}/edit`, { body: "Hello world #typo" });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/post/${post.id}`);
    const after = (await ann.get(`/post/${post.id}`)).body;
    expect(after).toContain("Your post was edited.");
    expect(after).toMatch(/<span class="post-edited">edited <time datetime="[^"]+">/);
    expect(after).toContain("<summary>Earlier versions (1)</summary>");
    expect(after).toContain('Helo world <a class="hashtag" href="/tag/tpyo">#tpyo</a>');
    // The tags follow the text: the post is on the new tag's page, not the old one's.
    expect((await ann.get("/tag/typo")).body).toContain("Hello world");
    expect((await ann.get("/tag/tpyo")).body).not.toContain("Hello world");

    await ann.submit(`/post/${post.id}/edit`, `/post/${post.id}/edit`, { body: "Hello, world #typo" });
    const versions = await db.postVersion.findMany({ where: { postId: post.id }, orderBy: { version: "asc" } });
    expect(versions.map((v) => [v.version, v.body])).toEqual([[1, "Helo world #tpyo"], [2, "Hello world #typo"]]);
    expect(versions[0]!.writtenAt).toEqual(post.createdAt);
    expect((await ann.get(`/post/${post.id}`)).body).toContain("<summary>Earlier versions (2)</summary>");
  });

  it("tells only the people the new text names for the first time", async () => {
    const post = await publish(ann, "Hi @bob");
    expect([await told("bob"), await told("carl")]).toEqual([1, 0]);
    await ann.submit(`/post/${post.id}/edit`, `/post/${post.id}/edit`, { body: "Hi @bob and @carl" });
    expect([await told("bob"), await told("carl")]).toEqual([1, 1]);
    expect((await ann.get(`/post/${post.id}`)).body).toMatch(/Hi <a class="mention" href="\/people\/\d+">@bob<\/a> and <a class="mention"/);
  });

  it("the same text again changes nothing; a text that breaks the rules is refused beside the field, kept", async () => {
    const post = await publish(ann, "Stays as it is");
    await ann.submit(`/post/${post.id}/edit`, `/post/${post.id}/edit`, { body: "  Stays as it is " });
    expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).editedAt).toBeNull();
    for (const body of ["", "x".repeat(141)]) {
      const refused = await ann.submit(`/post/${post.id}/edit`, `/post/${post.id}/edit`, { body });
      expect(refused.statusCode, body).toBe(422);
      expect(refused.body).toContain('id="body-error"');
      expect(refused.body).toContain(`>${body}</textarea>`);
    }
    expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).body).toBe("Stays as it is");
  });
});

describe("what may not be edited", () => {
  it("someone else's post is a 403, form and all; a deleted post or none is a 404; nothing is written", async () => {
    const post = await publish(ann, "Mine alone");
    expect((await bob.get(`/post/${post.id}/edit`)).statusCode).toBe(403);
    const csrf = csrfTokenIn((await bob.get("/")).body);
    expect((await bob.post(`/post/${post.id}/edit`, { _csrf: csrf, body: "Taken over" })).statusCode).toBe(403);
    expect((await bob.post(`/post/${post.id}/edit`, { _csrf: csrf, body: "" })).statusCode).toBe(403);
    expect((await bob.get(`/post/${post.id}`)).body).not.toContain("Edit this post");
    const untouched = await db.post.findUniqueOrThrow({ where: { id: post.id } });
    expect([untouched.body, untouched.editedAt, await db.postVersion.count({ where: { postId: post.id } })]).toEqual(["Mine alone", null, 0]);
    for (const id of ["999999", "abc", "0"]) expect((await ann.get(`/post/${id}/edit`)).statusCode, id).toBe(404);
    await ann.submit(`/post/${post.id}/delete`, `/post/${post.id}/delete`, {});
    expect((await ann.get(`/post/${post.id}/edit`)).statusCode).toBe(404);
  });

  it("deleting a post takes its earlier texts with it, also when it stays above its replies", async () => {
    const post = await publish(carl, "First try");
    await carl.submit(`/post/${post.id}/edit`, `/post/${post.id}/edit`, { body: "Second try" });
    await bob.submit(`/post/${post.id}`, `/post/${post.id}/replies`, { body: "Nice" });
    expect(await db.postVersion.count({ where: { postId: post.id } })).toBe(1);
    await carl.submit(`/post/${post.id}/delete`, `/post/${post.id}/delete`, {});
    expect(await db.postVersion.count({ where: { postId: post.id } })).toBe(0);
    const page = (await bob.get(`/post/${post.id}`)).body;
    expect(page).toContain("This post was deleted.");
    expect(page).not.toContain("First try");
    expect(page).not.toContain("Earlier versions");
  });
});
