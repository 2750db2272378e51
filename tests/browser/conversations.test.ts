// Replies, likes, edits, mentions and notifications as a person uses them in Chromium: with script, and without it.
import { beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, logInAs, pathOf, registerAs } from "./helpers/actions.js";
import { HttpVisitor } from "../helpers/http-visitor.js";
import { WatchedPage, andWait, newContext } from "./helpers/chromium.js";
import { snap } from "./helpers/screenshots.js";
import { browserSuite } from "./helpers/suite.js";

const { jot, browser, url, db } = await browserSuite();
let postId = 0;

beforeAll(async () => {
  const context = await newContext(browser);
  for (const name of ["talker", "listener"]) await registerAs(await context.newPage(), jot.baseUrl, name);
  await context.close();
  const talker = await db.user.findUniqueOrThrow({ where: { usernameKey: "talker" } });
  postId = (await db.post.create({ data: { authorId: talker.id, body: "Who is coming to the meetup?" } })).id;
  await db.user.update({ where: { id: talker.id }, data: { postCount: 1 } });
});

const likeButton = (page: WatchedPage["page"]) => page.locator(`#post-${postId} .post-actions > button[formaction*="like"]`);
const repostButton = (page: WatchedPage["page"]) => page.locator(`#post-${postId} .post-actions > button[formaction*="repost"]`);

describe("liking", () => {
  it("with script: toggles in place, the count and pressed state from the server, and stays after a reload", async () => {
    const watched = await WatchedPage.open(await newContext(browser));
    const page = watched.page;
    await logInAs(page, jot.baseUrl, "listener");
    await page.goto(url("/explore"));
    const loads: string[] = [];
    page.on("load", () => loads.push(page.url()));
    await likeButton(page).click();
    await expect.poll(() => likeButton(page).getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => likeButton(page).textContent()).toBe("1");
    await expect.poll(async () => (await db.post.findUniqueOrThrow({ where: { id: postId } })).likeCount).toBe(1);
    expect(await likeButton(page).getAttribute("aria-label")).toBe("Like talker's post, 1 like");
    expect(loads).toEqual([]);
    await expect(page.evaluate(() => document.activeElement?.matches(".post-actions > button"))).resolves.toBe(true);
    await snap(page, "conversations-liked");
    await page.reload();
    expect(await likeButton(page).getAttribute("aria-pressed")).toBe("true");
    await likeButton(page).click();
    await expect.poll(() => likeButton(page).getAttribute("aria-pressed")).toBe("false");
    await expect.poll(async () => (await db.post.findUniqueOrThrow({ where: { id: postId } })).likeCount).toBe(0);
    expect(await likeButton(page).textContent()).toBe("");
    expect(watched.problems).toEqual([]);
    await page.context().close();
  });

  it("with script, when the request fails: goes back as it was and says so", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await logInAs(page, jot.baseUrl, "listener");
    await page.goto(url("/explore"));
    await page.route("**/like", (route) => route.abort());
    await likeButton(page).click();
    await page.locator(".live-notice", { hasText: "That did not work. Please try again." }).waitFor();
    expect(await likeButton(page).getAttribute("aria-pressed")).toBe("false");
    expect(await likeButton(page).textContent()).toBe("");
    expect((await db.post.findUniqueOrThrow({ where: { id: postId } })).likeCount).toBe(0);
    await context.close();
  });

  it("without script: the form brings one back to the same post on the same page, liked", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await logInAs(page, jot.baseUrl, "listener");
    await page.goto(url("/explore"));
    await andWait(page, likeButton(page).click());
    expect(new URL(page.url()).pathname + new URL(page.url()).hash).toBe(`/explore#post-${postId}`);
    expect(await likeButton(page).getAttribute("aria-pressed")).toBe("true");
    expect(await likeButton(page).textContent()).toBe("1");
    await andWait(page, likeButton(page).click());
    expect(await likeButton(page).getAttribute("aria-pressed")).toBe("false");
    await context.close();
  });
});

describe("reposting", () => {
  it("with script: toggles in place with the server's count; the post then stands in the reposter's followers' feeds, saying who reposted it", async () => {
    const watched = await WatchedPage.open(await newContext(browser));
    const page = watched.page;
    await logInAs(page, jot.baseUrl, "listener");
    await page.goto(url("/explore"));
    const loads: string[] = [];
    page.on("load", () => loads.push(page.url()));
    await repostButton(page).click();
    await expect.poll(() => repostButton(page).getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => repostButton(page).textContent()).toBe("1");
    expect(await repostButton(page).getAttribute("aria-label")).toBe("Repost talker's post, 1 repost");
    expect(await repostButton(page).getAttribute("formaction")).toBe(`/post/${postId}/unrepost`);
    expect(loads).toEqual([]);
    await expect.poll(async () => (await db.post.findUniqueOrThrow({ where: { id: postId } })).repostCount).toBe(1);
    await snap(page, "conversations-reposted");
    expect(watched.problems).toEqual([]);
    await page.context().close();

    // A follower of listener's (who follows no one else) finds talker's post in their feed.
    const follower = await newContext(browser);
    const theirs = await follower.newPage();
    await registerAs(theirs, jot.baseUrl, "follower");
    await logInAs(theirs, jot.baseUrl, "follower");
    await theirs.goto(url("/user/listener"));
    await andWait(theirs, theirs.getByRole("button", { name: "Follow listener" }).click());
    await theirs.goto(url("/"));
    await expect(theirs.locator(`#post-${postId} .post-repost`).textContent()).resolves.toBe("listener reposted");
    await expect(theirs.locator(`#post-${postId} .post-body`).textContent()).resolves.toBe("Who is coming to the meetup?");
    await snap(theirs, "conversations-repost-in-feed");
    await follower.close();
  });

  it("without script: the form brings one back to the same post, and undoes it", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await logInAs(page, jot.baseUrl, "listener");
    await page.goto(url("/explore"));
    expect(await repostButton(page).getAttribute("aria-pressed")).toBe("true");
    await andWait(page, repostButton(page).click());
    expect(new URL(page.url()).pathname + new URL(page.url()).hash).toBe(`/explore#post-${postId}`);
    expect(await repostButton(page).getAttribute("aria-pressed")).toBe("false");
    expect((await db.post.findUniqueOrThrow({ where: { id: postId } })).repostCount).toBe(0);
    await context.close();
  });
});

describe("a post's More menu", () => {
  it("offers Copy link on every post, and Edit and Delete on one's own; Escape closes it, back on its button", async () => {
    const context = await newContext(browser);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const page = await context.newPage();
    await logInAs(page, jot.baseUrl, "talker");
    await page.goto(url("/explore"));
    const more = page.locator(`#post-${postId} .post-more > button`);
    expect(await more.getAttribute("aria-label")).toBe("More for talker's post");
    await more.click();
    expect(await more.getAttribute("aria-expanded")).toBe("true");
    const items = page.locator(`#post-${postId} .post-more li`);
    await expect(items.allTextContents()).resolves.toEqual(["Copy link", "Edit", "Delete"]);
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Copy link");
    await snap(page, "conversations-more-menu");
    await page.keyboard.press("Escape");
    expect(await more.getAttribute("aria-expanded")).toBe("false");
    await expect(page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).resolves.toBe("More for talker's post");
    await more.click();
    await page.getByRole("button", { name: "Copy link" }).click();
    await page.locator(".live-notice", { hasText: "Link copied." }).waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(url(`/post/${postId}`));
    await more.click();
    await andWait(page, page.getByRole("link", { name: "Edit", exact: true }).click());
    expect(pathOf(page)).toBe(`/post/${postId}/edit`);
    await context.close();

    // Someone else's post: Copy link alone; a click elsewhere closes it.
    const theirs = await newContext(browser);
    const other = await theirs.newPage();
    await logInAs(other, jot.baseUrl, "listener");
    await other.goto(url("/explore"));
    await other.locator(`#post-${postId} .post-more > button`).click();
    await expect(other.locator(`#post-${postId} .post-more li`).allTextContents()).resolves.toEqual(["Copy link"]);
    await other.locator("h1").click();
    await expect(other.locator(`#post-${postId} .post-more > ul`).isHidden()).resolves.toBe(true);
    await theirs.close();
  });
});

describe("replying", () => {
  it("Reply under a post opens its page with the form focused; the reply shows under it, answering its author", async () => {
    const watched = await WatchedPage.open(await newContext(browser));
    const page = watched.page;
    await logInAs(page, jot.baseUrl, "listener");
    await page.goto(url("/explore"));
    await andWait(page, page.getByRole("link", { name: "Reply to talker", exact: true }).click());
    expect(pathOf(page)).toBe(`/post/${postId}`);
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("body");
    await page.keyboard.type("Count me in!");
    await andWait(page, page.getByRole("button", { name: "Reply", exact: true }).click());
    await expect(page.locator(".flash").textContent()).resolves.toContain("Your reply is posted.");
    await expect(page.locator(".thread-post .post-reply-to").textContent()).resolves.toBe("Replying to @talker");
    await expect(page.locator(".thread-ancestors .post-body").textContent()).resolves.toBe("Who is coming to the meetup?");
    await snap(page, "conversations-reply");
    await page.goto(url(`/post/${postId}`));
    await expect(page.locator("#replies + form .post-body").allTextContents()).resolves.toEqual(["Count me in!"]);
    expect(await page.getByRole("link", { name: "Reply to talker, 1 reply" }).count()).toBe(1);
    expect(watched.problems).toEqual([]);
    await page.context().close();
  });
});

describe("mentions and notifications", () => {
  it("a mention and a like arrive live: a notice each, the bar's badge counts them; the page lists them and clears it", async () => {
    const watched = await WatchedPage.open(await newContext(browser));
    const page = watched.page;
    const streaming = page.waitForResponse((response) => new URL(response.url()).pathname === "/notifications/stream");
    await logInAs(page, jot.baseUrl, "talker");
    await streaming;
    // The reply above is already waiting.
    const badge = page.locator("#notifications-badge");
    await expect(badge.textContent()).resolves.toBe("1 unread");

    const listener = new HttpVisitor(jot.baseUrl);
    await listener.login("listener", PASSWORD);
    await listener.submit("/", "/posts", { body: "See you there, @talker!" });
    await page.locator(".live-notice", { hasText: "listener mentioned you" }).waitFor();
    await listener.submit("/explore", `/post/${postId}/like`, { next: "/explore" });
    await page.locator(".live-notice", { hasText: "listener liked your post" }).waitFor();
    await expect.poll(() => badge.textContent()).toBe("3 unread");
    await snap(page, "conversations-notified");

    // The notice leads to the post; the bar to the page, which reads them.
    const mention = page.locator(".live-notice a", { hasText: "listener mentioned you" });
    expect(await mention.getAttribute("href")).toMatch(/^\/post\/\d+$/);
    await andWait(page, page.getByRole("link", { name: /^Notifications/ }).click());
    await expect(page.locator(".notifications .post-meta > span").allTextContents()).resolves.toEqual([
      expect.stringMatching(/^New: listener liked your post/),
      expect.stringMatching(/^New: listener mentioned you/),
      expect.stringMatching(/^New: listener replied to your post/),
    ]);
    await expect(page.locator(".notifications .post-body a.mention").textContent()).resolves.toBe("@talker");
    expect(await badge.isHidden()).toBe(true);
    await snap(page, "conversations-notifications-page");
    // The mention leads to the person it named.
    await andWait(page, page.locator(".notifications .post-body a.mention").click());
    expect(pathOf(page)).toBe("/user/talker");
    expect(watched.problems).toEqual([]);
    await page.context().close();
  });
});

describe("editing", () => {
  it("from the post's page: the text in a form, saved back to the page, marked edited, the earlier text under it", async () => {
    const watched = await WatchedPage.open(await newContext(browser));
    const page = watched.page;
    await logInAs(page, jot.baseUrl, "talker");
    await page.goto(url(`/post/${postId}`));
    await andWait(page, page.getByRole("link", { name: "Edit this post" }).click());
    expect(pathOf(page)).toBe(`/post/${postId}/edit`);
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("body");
    await page.getByLabel("Your post").fill("Who is coming to the meetup on Friday?");
    await andWait(page, page.getByRole("button", { name: "Save" }).click());
    expect(pathOf(page)).toBe(`/post/${postId}`);
    await expect(page.locator(".flash").textContent()).resolves.toBe("Your post was edited.");
    await expect(page.locator(".thread-post .post-body").textContent()).resolves.toBe("Who is coming to the meetup on Friday?");
    await expect(page.locator(".thread-post .post-edited").textContent()).resolves.toMatch(/^edited /);
    await page.locator(".post-versions summary").click();
    await expect(page.locator(".post-versions .post-body").allTextContents()).resolves.toEqual(["Who is coming to the meetup?"]);
    await snap(page, "conversations-edited");
    expect(watched.problems).toEqual([]);
    await page.context().close();
  });
});

describe("deleting", () => {
  it("without script: asks first, Keep it goes back, Delete brings you to your profile; a post with replies stays above them", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    const talker = await db.user.findUniqueOrThrow({ where: { usernameKey: "talker" } });
    const lonely = await db.post.create({ data: { authorId: talker.id, body: "Posted in error" } });
    await db.user.update({ where: { id: talker.id }, data: { postCount: { increment: 1 } } });
    await logInAs(page, jot.baseUrl, "talker");

    await page.goto(url(`/post/${lonely.id}`));
    await andWait(page, page.getByRole("link", { name: "Delete this post" }).click());
    await expect(page.locator("h1").textContent()).resolves.toBe("Delete this post?");
    await andWait(page, page.getByRole("link", { name: "Keep it" }).click());
    expect(pathOf(page)).toBe(`/post/${lonely.id}`);
    await andWait(page, page.getByRole("link", { name: "Delete this post" }).click());
    await andWait(page, page.getByRole("button", { name: "Delete this post" }).click());
    expect(pathOf(page)).toBe("/user/talker");
    await expect(page.locator(".flash").textContent()).resolves.toBe("Your post was deleted.");
    await expect(page.locator(".post-body").allTextContents()).resolves.not.toContain("Posted in error");
    expect(await db.post.count({ where: { id: lonely.id } })).toBe(0);

    // The meetup post has a reply: it stays, as a line saying so, above it.
    await page.goto(url(`/post/${postId}/delete`));
    await andWait(page, page.getByRole("button", { name: "Delete this post" }).click());
    await page.goto(url(`/post/${postId}`));
    await expect(page.locator(".thread-post .post-deleted").textContent()).resolves.toBe("This post was deleted.");
    await expect(page.locator("#replies + form .post-body").allTextContents()).resolves.toEqual(["Count me in!"]);
    await snap(page, "conversations-deleted-above-replies");
    await context.close();
  });
});
