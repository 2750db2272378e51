// Every state-changing route refuses a form without the session's CSRF token, or with someone
// else's, and writes nothing. The routes are taken from Fastify itself, so a new POST route that
// this file does not know of fails it.
import { beforeAll, describe, expect, it } from "vitest";
import { loggedInVisitor, testApp } from "../helpers/app.js";
import { awaitMailTo, mailsIn, mailsTo } from "../helpers/outbox.js";
import { sideDoor } from "../helpers/posts.js";
import { csrfTokenIn, type Visitor } from "../helpers/visitor.js";

const { app, config, visitor } = await testApp();
const { db } = await sideDoor(config);
let actor: Visitor;
let otherSessionsToken: string;

/** What each POST route is sent: the fields a real form would send (all valid), and who sends it. */
const FORMS: Record<string, { path: string; fields: Record<string, string>; loggedIn: boolean }> = {
  "/register": { path: "/register", fields: { username: "newcomer", email: "new@example.com", password: "correct horse", password2: "correct horse" }, loggedIn: false },
  "/login": { path: "/login", fields: { username: "actor", password: "correct horse" }, loggedIn: false },
  "/logout": { path: "/logout", fields: {}, loggedIn: true },
  "/posts": { path: "/posts", fields: { body: "Written without a token" }, loggedIn: true },
  // One of the actor's own posts: only the token is missing.
  "/post/:id/delete": { path: "/post/OWN/delete", fields: {}, loggedIn: true },
  "/post/:id/edit": { path: "/post/OWN/edit", fields: { body: "Changed without a token" }, loggedIn: true },
  // Someone else's post, there to be answered: only the token is missing.
  "/post/:id/replies": { path: "/post/OTHER/replies", fields: { body: "Answered without a token" }, loggedIn: true },
  "/post/:id/like": { path: "/post/OTHER/like", fields: { next: "/explore" }, loggedIn: true },
  // A post the actor likes: only the token is missing.
  "/post/:id/unlike": { path: "/post/OTHER/unlike", fields: { next: "/explore" }, loggedIn: true },
  "/post/:id/repost": { path: "/post/OTHER/repost", fields: { next: "/explore" }, loggedIn: true },
  // A post the actor reposted: only the token is missing.
  "/post/:id/unrepost": { path: "/post/OTHER/unrepost", fields: { next: "/explore" }, loggedIn: true },
  "/follow/:username": { path: "/follow/target", fields: {}, loggedIn: true },
  "/unfollow/:username": { path: "/unfollow/followed", fields: {}, loggedIn: true },
  "/send_message/:username": { path: "/send_message/target", fields: { message: "Sent without a token" }, loggedIn: true },
  "/edit_profile": { path: "/edit_profile", fields: { username: "renamed", about_me: "Changed without a token" }, loggedIn: true },
  "/settings/password": { path: "/settings/password", fields: { current_password: "correct horse", password: "new horse battery", password2: "new horse battery" }, loggedIn: true },
  "/settings/delete": { path: "/settings/delete", fields: { delete_password: "correct horse" }, loggedIn: true },
  "/settings/email": { path: "/settings/email", fields: { email: "moved@example.com", email_password: "correct horse" }, loggedIn: true },
  "/settings/logout_everywhere": { path: "/settings/logout_everywhere", fields: {}, loggedIn: true },
  "/verify_email/resend": { path: "/verify_email/resend", fields: {}, loggedIn: true },
  // A link that works: only the token is missing.
  "/verify_email/:token": { path: "/verify_email/LIVE", fields: {}, loggedIn: false },
  "/reset_password_request": { path: "/reset_password_request", fields: { email: "actor@example.com" }, loggedIn: false },
  // A link that works: only the token is missing.
  "/reset_password/:token": { path: "/reset_password/LIVE", fields: { password: "taken over horse", password2: "taken over horse" }, loggedIn: false },
};

/** Everything a POST could change. */
async function snapshot() {
  return {
    users: await db.user.findMany({
      orderBy: { id: "asc" },
      select: { username: true, email: true, aboutMe: true, sessionVersion: true, passwordHash: true, emailVerifiedAt: true },
    }),
    tokens: await db.accountToken.findMany({ orderBy: { hash: "asc" } }),
    mails: mailsIn(config.mail.outboxDir).length,
    posts: await db.post.findMany({ orderBy: { id: "asc" }, select: { id: true, body: true, replyCount: true, likeCount: true, repostCount: true, repostOfId: true, deletedAt: true, editedAt: true } }),
    versions: await db.postVersion.count(),
    likes: await db.like.findMany({ orderBy: [{ userId: "asc" }, { postId: "asc" }] }),
    follows: await db.follow.findMany({ orderBy: [{ followerId: "asc" }, { followedId: "asc" }] }),
    messages: await db.message.count(),
    notifications: await db.notification.count(),
  };
}

function postRoutes(): string[] {
  return app
    .printRoutes({ commonPrefix: false, method: "POST" })
    .split("\n")
    .flatMap((line) => /\s(\/\S*) \(POST\)$/.exec(line)?.[1] ?? []);
}

beforeAll(async () => {
  actor = await loggedInVisitor(app, "actor");
  const already = mailsTo(config.mail.outboxDir, "actor@example.com").length;
  await visitor().submit("/reset_password_request", "/reset_password_request", { email: "actor@example.com" });
  await visitor().register("unconfirmed", "correct horse", "unconfirmed@example.com", { confirm: false });
  FORMS["/verify_email/:token"]!.path = mailsTo(config.mail.outboxDir, "unconfirmed@example.com").at(-1)!.linkPath!;
  FORMS["/reset_password/:token"]!.path = (await awaitMailTo(config.mail.outboxDir, "actor@example.com", already)).linkPath!;
  await loggedInVisitor(app, "target");
  await loggedInVisitor(app, "followed");
  const other = await loggedInVisitor(app, "other");
  otherSessionsToken = csrfTokenIn((await other.get("/")).body);
  await actor.submit("/user/followed", "/follow/followed", {});
  await actor.submit("/", "/posts", { body: "Mine to delete, with a token" });
  const own = await db.post.findFirstOrThrow({ where: { author: { usernameKey: "actor" } } });
  FORMS["/post/:id/delete"]!.path = `/post/${own.id}/delete`;
  FORMS["/post/:id/edit"]!.path = `/post/${own.id}/edit`;
  const target = await loggedInVisitor(app, "poster");
  await target.submit("/", "/posts", { body: "Answer me, with a token" });
  const theirs = await db.post.findFirstOrThrow({ where: { author: { usernameKey: "poster" } } });
  FORMS["/post/:id/replies"]!.path = `/post/${theirs.id}/replies`;
  FORMS["/post/:id/like"]!.path = `/post/${theirs.id}/like`;
  FORMS["/post/:id/unlike"]!.path = `/post/${theirs.id}/unlike`;
  await actor.submit("/explore", `/post/${theirs.id}/like`, {});
  const reposted = await target.submit("/", "/posts", { body: "Repost me, with a token" }).then(() =>
    db.post.findFirstOrThrow({ where: { body: "Repost me, with a token" } }),
  );
  FORMS["/post/:id/repost"]!.path = `/post/${theirs.id}/repost`;
  FORMS["/post/:id/unrepost"]!.path = `/post/${reposted.id}/unrepost`;
  await actor.submit("/explore", `/post/${reposted.id}/repost`, {});
});

describe("CSRF on every POST route", () => {
  it("covers every POST route Jot has", () => {
    expect(postRoutes().sort()).toEqual(Object.keys(FORMS).sort());
  });

  it.each(Object.keys(FORMS))("%s: no token or another session's token → 403, nothing written", async (route) => {
    const { path, fields, loggedIn } = FORMS[route]!;
    const sender = loggedIn ? actor : visitor();
    // The sender's own page first, so that its session has a token of its own to be mistaken for.
    await sender.get(loggedIn ? "/" : "/login");
    const before = await snapshot();
    for (const token of [undefined, otherSessionsToken, "", "forged"]) {
      const res = await sender.post(path, token === undefined ? fields : { ...fields, _csrf: token });
      expect(res.statusCode, `token ${JSON.stringify(token)}`).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
    // Still logged in: the refused logout ended nothing.
    if (loggedIn) expect((await actor.get("/")).body).toContain("Hi, actor!");
  });
});
