import type { Cookie, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { MessageRepository } from "../../app/repositories/message-repository.js";
import { PASSWORD, focusedId, fromProfileMenu, logInAs, pathOf, registerAs, sendAnyway } from "./helpers/actions.js";
import { HttpVisitor } from "../helpers/http-visitor.js";
import { COLOUR_RULES, axeViolations } from "./helpers/axe.js";
import { WatchedPage, andWait, newContext } from "./helpers/chromium.js";
import { mailCount, mailedLink, nextMailedLink } from "./helpers/jot-server.js";
import { snap } from "./helpers/screenshots.js";
import { browserSuite } from "./helpers/suite.js";

const { jot, browser, url, addPosts, db } = await browserSuite();

/** Each test account's signed-in cookies, from one real sign-in apiece (beforeAll). */
const sessions = new Map<string, Cookie[]>();

/** Puts `username`'s session into the page's context and opens the home page, as a sign-in ends. */
async function signedInAs(page: Page, username: string): Promise<void> {
  await page.context().addCookies(sessions.get(username)!);
  await page.goto(url("/"));
}

/** Every page in every state a visitor can reach, each as a way to get there from a fresh page. */
const STATES: Record<string, (page: Page) => Promise<void>> = {
  "login": async (page) => void (await page.goto(url("/login"))),
  "login with error": async (page) => {
    await page.goto(url("/login"));
    await andWait(page, page.getByRole("button", { name: "Sign in" }).click());
  },
  "register": async (page) => void (await page.goto(url("/register"))),
  "register with errors": async (page) => {
    await page.goto(url("/register"));
    await page.getByLabel("Username").fill("x");
    await andWait(page, page.getByRole("button", { name: "Register" }).click());
  },
  "not found": async (page) => void (await page.goto(url("/no/such/page"))),
  "the style guide: every component in its states": async (page) => void (await page.goto(url("/dev/styleguide"))),
  "home with posts and flash": async (page) => {
    await signedInAs(page, "a11y");
    await page.getByLabel("Say something").fill("Accessible post");
    await andWait(page, page.getByRole("button", { name: "Post", exact: true }).click());
  },
  "home with error and counter over": async (page) => {
    await signedInAs(page, "a11y");
    await page.getByLabel("Say something").fill("z".repeat(150));
    await sendAnyway(page, page.getByLabel("Say something"));
  },
  "older page": async (page) => {
    await signedInAs(page, "a11y");
    await andWait(page, page.getByRole("link", { name: /Older posts/ }).click());
  },
  "profile": async (page) => {
    await signedInAs(page, "a11y");
    await fromProfileMenu(page, "Your profile");
  },
  "explore": async (page) => {
    await signedInAs(page, "a11y");
    await page.goto(url("/explore"));
  },
  "another profile just followed": async (page) => {
    await db.follow.deleteMany({ where: { follower: { usernameKey: "a11y" }, followed: { usernameKey: "a11yloner" } } });
    await signedInAs(page, "a11y");
    await page.goto(url("/user/a11yloner"));
    await andWait(page, page.getByRole("button", { name: "Follow a11yloner", exact: true }).click());
  },
  "a post's page, with a link in the post, reached from its time": async (page) => {
    const post = await db.post.findFirstOrThrow({ where: { body: { contains: "https://" } } });
    await signedInAs(page, "a11y");
    await page.goto(url("/user/a11yfriend"));
    await andWait(page, page.locator(`a.post-time[href="/post/${post.id}"]`).click());
  },
  "a reply just sent: its page, with the post it answers above it": async (page) => {
    const post = await db.post.findFirstOrThrow({ where: { body: { contains: "https://" } } });
    await signedInAs(page, "a11y");
    await page.goto(url("/explore"));
    await andWait(page, page.locator(`.post-actions > a[href^="/post/${post.id}?reply"]`).click());
    await page.getByLabel("Your reply to a11yfriend").fill("Read them, thanks");
    await andWait(page, page.getByRole("button", { name: "Reply", exact: true }).click());
    await page.locator(".flash", { hasText: "Your reply is posted." }).waitFor();
  },
  "a reply refused, its error beside the field": async (page) => {
    const post = await db.post.findFirstOrThrow({ where: { body: { contains: "https://" } } });
    await signedInAs(page, "a11y");
    await page.goto(url(`/post/${post.id}?reply`));
    await page.getByLabel("Your reply to a11yfriend").fill("z".repeat(150));
    await sendAnyway(page, page.getByLabel("Your reply to a11yfriend"));
  },
  "a deleted post above its replies": async (page) => {
    const deleted = await db.post.findFirstOrThrow({ where: { deletedAt: { not: null } } });
    await signedInAs(page, "a11y");
    await page.goto(url(`/post/${deleted.id}`));
  },
  "who likes a post, reached from its page": async (page) => {
    const post = await db.post.findFirstOrThrow({ where: { body: { contains: "https://" } } });
    await signedInAs(page, "a11y");
    await page.goto(url(`/post/${post.id}`));
    await andWait(page, page.getByRole("link", { name: "1 like", exact: true }).click());
  },
  "who reposted a post, reached from its page": async (page) => {
    const post = await db.post.findFirstOrThrow({ where: { body: "Tagged for the #accessibility page" } });
    await signedInAs(page, "a11y");
    await page.goto(url(`/post/${post.id}`));
    await andWait(page, page.getByRole("link", { name: "2 reposts", exact: true }).click());
  },
  "home with a repost, and a post's More menu open": async (page) => {
    await signedInAs(page, "a11y");
    await page.locator(".post-repost").first().waitFor();
    await page.getByRole("button", { name: "More for a11y's post" }).first().click();
    await page.getByRole("link", { name: "Edit", exact: true }).waitFor();
  },
  "a hashtag's page, reached from a post": async (page) => {
    await signedInAs(page, "a11y");
    await page.goto(url("/user/a11yfriend"));
    await andWait(page, page.locator("a.hashtag").first().click());
  },
  "a profile's posts and replies": async (page) => {
    await signedInAs(page, "a11y");
    await page.goto(url("/user/a11yfriend"));
    await andWait(page, page.getByRole("link", { name: "Posts and replies" }).click());
  },
  "editing one's own post: refused, the error beside the field": async (page) => {
    await signedInAs(page, "a11y");
    await fromProfileMenu(page, "Your profile");
    await andWait(page, page.locator("a.post-time").first().click());
    await andWait(page, page.getByRole("link", { name: "Edit this post" }).click());
    await page.getByLabel("Your post").fill("z".repeat(150));
    await sendAnyway(page, page.getByLabel("Your post"));
  },
  "an edited post's page, its earlier versions open": async (page) => {
    const edited = await db.post.findFirstOrThrow({ where: { editedAt: { not: null } } });
    await signedInAs(page, "a11y");
    await page.goto(url(`/post/${edited.id}`));
    await page.locator(".post-versions summary").click();
  },
  "deleting one's own post: the question": async (page) => {
    await signedInAs(page, "a11y");
    await fromProfileMenu(page, "Your profile");
    await andWait(page, page.locator("a.post-time").first().click());
    await andWait(page, page.getByRole("link", { name: "Delete this post" }).click());
  },
  "deleting one's own post: done, back on the profile": async (page) => {
    await signedInAs(page, "a11y");
    await fromProfileMenu(page, "Your profile");
    await andWait(page, page.locator("a.post-time").first().click());
    await andWait(page, page.getByRole("link", { name: "Delete this post" }).click());
    await andWait(page, page.getByRole("button", { name: "Delete this post" }).click());
    await page.locator(".flash", { hasText: "Your post was deleted." }).waitFor();
  },
  "notifications, the new ones marked, reached from the bar": async (page) => {
    await signedInAs(page, "a11y");
    await andWait(page, page.getByRole("link", { name: /^Notifications/ }).click());
  },
  "followers list": async (page) => {
    await signedInAs(page, "a11y");
    await page.goto(url("/user/a11yfriend/followers"));
  },
  "following list, empty": async (page) => {
    await signedInAs(page, "a11y");
    await page.goto(url("/user/a11yloner/following"));
  },
  "empty feed": async (page) => {
    await signedInAs(page, "a11yloner");
  },
  "edit profile with errors": async (page) => {
    await signedInAs(page, "a11y");
    await page.goto(url("/edit_profile"));
    await page.getByLabel("Username").fill("a11yfriend");
    await page.getByLabel("About me").fill("y".repeat(141));
    await sendAnyway(page, page.getByLabel("About me"));
  },
  "popover open": async (page) => {
    await signedInAs(page, "a11y");
    await page.goto(url("/explore"));
    await page.locator("a.user-link", { hasText: "a11yfriend" }).first().hover();
    await page.locator(".popover .profile-card").waitFor();
  },
  "a conversation, its message refused beside the box": async (page) => {
    await signedInAs(page, "a11y");
    await page.goto(url("/messages/a11yfriend"));
    await sendAnyway(page, page.getByLabel("Message a11yfriend"));
  },
  "the conversations, one waiting to be read": async (page) => {
    await signedInAs(page, "a11yloner");
    await page.goto(url("/messages"));
  },
  "deleting the account: the question": async (page) => {
    await signedInAs(page, "a11y");
    await page.goto(url("/settings"));
    await andWait(page, page.getByRole("link", { name: "Delete my account…" }).click());
  },
  "a live notice shown": async (page) => {
    const streaming = page.waitForResponse((response) => new URL(response.url()).pathname === "/notifications/stream");
    await signedInAs(page, "a11yloner");
    await streaming;
    const sender = new HttpVisitor(jot.baseUrl);
    await sender.login("a11yfriend", PASSWORD);
    await sender.submit("/explore", "/send_message/a11yloner", { message: "Hello, loner" });
    await page.locator(".live-notice").first().waitFor();
  },
  "settings with errors": async (page) => {
    await signedInAs(page, "a11y");
    await page.goto(url("/settings"));
    await page.getByLabel("Current password").fill("not the password");
    await page.getByLabel("New password", { exact: true }).fill("short");
    await andWait(page, page.getByRole("button", { name: "Change password" }).click());
  },
  "a new account's composer, not usable yet": async (page) => await signedInAs(page, "a11ynew"),
  "a new account's banner on explore": async (page) => {
    await signedInAs(page, "a11ynew");
    await page.goto(url("/explore"));
  },
  "the profile menu open": async (page) => {
    await signedInAs(page, "a11y");
    await page.locator(".nav-menu summary").click();
  },
  "reset request with error": async (page) => {
    await page.goto(url("/reset_password_request"));
    await page.getByLabel("Email").fill("not an address");
    await andWait(page, page.getByRole("button", { name: "Send the link" }).click());
  },
  "new password with errors": async (page) => {
    const before = mailCount(jot.baseUrl, "a11yfriend@example.com");
    await page.goto(url("/reset_password_request"));
    await page.getByLabel("Email").fill("a11yfriend@example.com");
    await andWait(page, page.getByRole("button", { name: "Send the link" }).click());
    await page.goto(await nextMailedLink(jot.baseUrl, "a11yfriend@example.com", before));
    await page.getByLabel("New password", { exact: true }).fill("short");
    await andWait(page, page.getByRole("button", { name: "Set the new password" }).click());
  },
  "the confirmation link's page": async (page) => {
    await signedInAs(page, "a11ynew");
    await andWait(page, page.getByRole("button", { name: "Send the link again" }).click());
    await page.goto(mailedLink(jot.baseUrl, "a11ynew@example.com"));
  },
  "a link that no longer works": async (page) => void (await page.goto(url(`/reset_password/${"A".repeat(43)}`))),
  "bad page link": async (page) => {
    await signedInAs(page, "a11y");
    await page.goto(url("/?before=tampered"));
  },
};

beforeAll(async () => {
  const context = await newContext(browser);
  await registerAs(await context.newPage(), jot.baseUrl, "a11y");
  await registerAs(await context.newPage(), jot.baseUrl, "a11yfriend");
  await registerAs(await context.newPage(), jot.baseUrl, "a11yloner");
  await registerAs(await context.newPage(), jot.baseUrl, "a11ynew", { confirm: false });
  await context.close();
  // Signing in once per account, not once per state, saves a second a state.
  for (const username of ["a11y", "a11yfriend", "a11yloner", "a11ynew"]) {
    const signingIn = await newContext(browser);
    await logInAs(await signingIn.newPage(), jot.baseUrl, username);
    sessions.set(username, await signingIn.cookies());
    await signingIn.close();
  }
  await addPosts("a11y", 30);
  await addPosts("a11yfriend", 2, Date.now() - 30_000);
  await db.user.update({ where: { usernameKey: "a11yfriend" }, data: { aboutMe: "Friendly, and followed by a11y.", postCount: { increment: 1 } } });
  const [a11y, friend] = await Promise.all(["a11y", "a11yfriend"].map((key) => db.user.findUniqueOrThrow({ where: { usernameKey: key } })));
  await db.follow.create({ data: { followerId: a11y!.id, followedId: friend!.id } });
  await db.post.create({ data: { authorId: friend!.id, body: "Notes on links: https://jot.example/links, read them.", createdAt: new Date(Date.now() - 10_000) } });
  // A post with a hashtag, filed under it as Jot files it.
  const tagged = await db.post.create({ data: { authorId: friend!.id, body: "Tagged for the #accessibility page", createdAt: new Date(Date.now() - 12_000) } });
  const tag = await db.tag.create({ data: { name: "accessibility" } });
  await db.postTag.create({ data: { postId: tagged.id, tagId: tag.id, createdAt: tagged.createdAt } });
  // Messages as Jot writes them (with each person's conversation): one for the badge, one for the loner's list.
  const messages = new MessageRepository(db);
  await messages.add({ senderId: a11y!.id, recipientId: friend!.id, body: "A message for the badge" });
  const loner = await db.user.findUniqueOrThrow({ where: { usernameKey: "a11yloner" } });
  await messages.add({ senderId: friend!.id, recipientId: loner.id, body: "Hello from a friend, with https://jot.example/x" });
  const linked = await db.post.findFirstOrThrow({ where: { body: { contains: "https://" } } });
  await db.like.create({ data: { userId: a11y!.id, postId: linked.id } });
  await db.post.update({ where: { id: linked.id }, data: { likeCount: 1 } });
  // A post its author deleted after a11y answered it, and a11yfriend's reply to a11y.
  const gone = await db.post.create({ data: { authorId: friend!.id, body: "", deletedAt: new Date(), replyCount: 1, createdAt: new Date(Date.now() - 20_000) } });
  const answer = await db.post.create({ data: { authorId: a11y!.id, body: "An answer to something since deleted", replyToId: gone.id, replyToAuthorId: friend!.id } });
  const answered = await db.post.create({ data: { authorId: friend!.id, body: "And a reply to that", replyToId: answer.id, replyToAuthorId: a11y!.id } });
  await db.post.update({ where: { id: answer.id }, data: { replyCount: 1 } });
  // A post a11yfriend edited once.
  const edited = await db.post.create({ data: { authorId: friend!.id, body: "Edited: now with the right words", editedAt: new Date() } });
  await db.postVersion.create({ data: { postId: edited.id, version: 1, body: "Edited: now with the wrnog words", writtenAt: new Date(Date.now() - 60_000) } });
  // a11y and a11yfriend repost the tagged post (a11y's button pressed), and a11yfriend a11y's newest
  // post: on a11y's home, "a11yfriend reposted" above it.
  const newest = await db.post.findFirstOrThrow({ where: { authorId: a11y!.id }, orderBy: { id: "desc" } });
  await db.post.createMany({
    data: [
      { authorId: a11y!.id, body: "", repostOfId: tagged.id },
      { authorId: friend!.id, body: "", repostOfId: tagged.id },
      { authorId: friend!.id, body: "", repostOfId: newest.id },
    ],
  });
  await db.post.update({ where: { id: tagged.id }, data: { repostCount: 2 } });
  await db.post.update({ where: { id: newest.id }, data: { repostCount: 1 } });
  // What a11y is told: a follow, a reply, a like and a repost, as Jot writes them (numbered past anything the states cause).
  const told = [["follower", null], ["reply", answered.id], ["like", answer.id], ["repost", newest.id]] as const;
  await db.notification.createMany({ data: told.map(([kind, postId], i) => ({ userId: a11y!.id, seq: 1000 + i, kind, actorId: friend!.id, postId })) });
  await db.user.update({ where: { id: a11y!.id }, data: { notificationSeq: 1000 + told.length } });
});

/**
 * The states checked at a phone's width too: one of each kind of page (the bar becomes a tab bar at
 * the foot and the rail goes, the same on every page; the pages' own content only narrows).
 */
const PHONE_STATES = new Set([
  "login with error",
  "register with errors",
  "home with error and counter over",
  "profile",
  "a reply refused, its error beside the field",
  "home with a repost, and a post's More menu open",
  "notifications, the new ones marked, reached from the bar",
  "a conversation, its message refused beside the box",
  "the conversations, one waiting to be read",
  "settings with errors",
  "a new account's composer, not usable yet",
  "the profile menu open",
  "popover open",
  "the style guide: every component in its states",
]);

describe("axe-core, WCAG 2.1 AA, light and dark schemes, on a desktop (and for one of each kind of page, a phone)", () => {
  // Each state is reached once and checked in both schemes: switching the emulated scheme restyles
  // the same document, so each dark pass runs only the rules colours decide.
  it("checks at a phone's width only states that exist", () => {
    expect([...PHONE_STATES].filter((state) => !(state in STATES))).toEqual([]);
  });

  it.each(Object.keys(STATES))("%s has no violations", async (state) => {
    // axe is injected as an inline script, which Jot's CSP rightly blocks; only this test context bypasses it.
    const context = await newContext(browser, { colorScheme: "light", bypassCSP: true });
    const watched = await WatchedPage.open(context);
    await STATES[state]!(watched.page);
    const backgrounds = new Set<string>();
    for (const width of PHONE_STATES.has(state) ? [1280, 390] : [1280]) {
      await watched.page.setViewportSize({ width, height: 800 });
      for (const colorScheme of ["light", "dark"] as const) {
        await watched.page.emulateMedia({ colorScheme });
        backgrounds.add(await watched.page.evaluate(() => getComputedStyle(document.body).backgroundColor));
        expect(await axeViolations(watched.page, colorScheme === "light" ? undefined : COLOUR_RULES), `${colorScheme} at ${width} px`).toEqual([]);
      }
    }
    // Both widths in both schemes (npm run screenshots).
    await snap(watched.page, `a11y-${state.replaceAll(" ", "-")}`);
    expect(backgrounds.size, "the dark scheme restyles the page").toBe(2);
    expect(watched.problems).toEqual([]);
    await context.close();
  });
});

describe("keyboard only", () => {
  /** Presses Tab until an element matching the selector has focus (bounded). */
  async function tabTo(page: Page, selector: string) {
    // A page of posts has six stops each (author, time, reply, repost, like, a link in the text).
    for (let presses = 0; presses < 250; presses++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    }
    throw new Error(`Tab never reached ${selector}`);
  }

  async function focusIsVisible(page: Page) {
    return page.evaluate(() => {
      const style = getComputedStyle(document.activeElement!);
      return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    });
  }

  it("skip link first, then every control in order, with a visible focus ring; log in and post", async () => {
    const context = await newContext(browser);
    const watched = await WatchedPage.open(context);
    const { page } = watched;
    await page.goto(url("/login"));

    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Skip to content");
    await expect(focusIsVisible(page)).resolves.toBe(true);
    await snap(page, "keyboard-skip-link");

    await tabTo(page, "#username");
    await expect(focusIsVisible(page)).resolves.toBe(true);
    await page.keyboard.type("a11y");
    await page.keyboard.press("Tab");
    await expect(focusedId(page)).resolves.toBe("password");
    await page.keyboard.type(PASSWORD);
    // The show-password button, a real button: Space shows what was typed, and again hides it.
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).resolves.toBe("Show password");
    await expect(focusIsVisible(page)).resolves.toBe(true);
    await page.keyboard.press("Space");
    await expect(page.locator("#password").getAttribute("type")).resolves.toBe("text");
    await expect(page.evaluate(() => document.activeElement?.getAttribute("aria-pressed"))).resolves.toBe("true");
    await snap(page, "keyboard-password-shown");
    await page.keyboard.press("Space");
    await expect(page.locator("#password").getAttribute("type")).resolves.toBe("password");
    await page.keyboard.press("Tab");
    await expect(focusedId(page)).resolves.toBe("remember_me");
    await expect(focusIsVisible(page)).resolves.toBe(true);
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Sign in");
    await expect(focusIsVisible(page)).resolves.toBe(true);
    await andWait(page, page.keyboard.press("Enter"));
    expect(pathOf(page)).toBe("/");

    await tabTo(page, "#body");
    await page.keyboard.type("Typed with the keyboard only");
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Post");
    await andWait(page, page.keyboard.press("Enter"));
    await expect(page.locator(".post-body").first().textContent()).resolves.toBe("Typed with the keyboard only");

    // Reply, Repost and Like under the new post, each with its ring; Enter on Like likes it.
    await tabTo(page, ".post-actions > a");
    await expect(focusIsVisible(page)).resolves.toBe(true);
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).resolves.toBe("Repost a11y's post");
    await expect(focusIsVisible(page)).resolves.toBe(true);
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).resolves.toBe("Like a11y's post");
    await expect(focusIsVisible(page)).resolves.toBe(true);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-pressed"))).toBe("true");

    await tabTo(page, ".pager-older");
    await expect(focusIsVisible(page)).resolves.toBe(true);
    await snap(page, "keyboard-pager-focus");
    expect(watched.problems).toEqual([]);
    await context.close();
  });
});

describe("labels", () => {
  it("every form field on every page has a label", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    for (const state of ["login", "register", "home with posts and flash"]) {
      await STATES[state]!(page);
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLInputElement>("input:not([type=hidden]), textarea, select")]
          .filter((field) => field.labels === null || field.labels.length === 0)
          .map((field) => field.name),
      );
      expect(unlabelled, state).toEqual([]);
    }
    await context.close();
  });
});
