import { describe, expect, it } from "vitest";
import type { Page } from "../../../app/domain/page.js";
import type { PostWithAuthor } from "../../../app/domain/post.js";
import { postListView } from "../../../app/view-models/post-list.js";
import { profileUrl } from "../../../app/view-models/urls.js";

const FIRST = { kind: "first" } as const;

const createdAt = new Date("2024-03-05T14:07:09.123Z");

function post(id: number, username = "alice", at = createdAt): PostWithAuthor {
  return { id, body: `post ${id}`, authorId: 1, createdAt: at, replyToId: null, replyCount: 0, likeCount: 0, repostCount: 0, liked: false, reposted: false, deletedAt: null, mentions: new Map(), editedAt: null, author: { id: 1, username } };
}

describe("profileUrl", () => {
  it("builds /user/<name>", () => {
    expect(profileUrl("alice")).toBe("/user/alice");
    expect(profileUrl("Al_ice.B-42")).toBe("/user/Al_ice.B-42");
  });

  it("percent-encodes characters that are not safe in a path segment", () => {
    expect(profileUrl("a b")).toBe("/user/a%20b");
    expect(profileUrl("a/b")).toBe("/user/a%2Fb");
    expect(profileUrl("a?b#c")).toBe("/user/a%3Fb%23c");
    expect(profileUrl("é")).toBe("/user/%C3%A9");
  });
});

describe("postListView", () => {
  it("has no links when there is nothing newer or older", () => {
    const view = postListView({ items: [post(1)] }, "/", FIRST);
    expect(view.newerUrl).toBeUndefined();
    expect(view.olderUrl).toBeUndefined();
  });

  it("links to newer posts with `after` and older posts with `before`, on the given path", () => {
    const page: Page<PostWithAuthor> = {
      items: [post(9), post(8)],
      newer: { createdAt: new Date(1_700_000_000_999), id: 9 },
      older: { createdAt: new Date(1_700_000_000_123), id: 8 },
    };
    const view = postListView(page, "/user/alice", FIRST);
    expect(view.newerUrl).toBe("/user/alice?after=1700000000999-9");
    expect(view.olderUrl).toBe("/user/alice?before=1700000000123-8");
  });

  it("sets only the link whose cursor is present", () => {
    const onlyOlder = postListView({ items: [post(2)], older: { createdAt: new Date(10), id: 2 } }, "/", FIRST);
    expect(onlyOlder).toMatchObject({ olderUrl: "/?before=10-2" });
    expect(onlyOlder.newerUrl).toBeUndefined();

    const onlyNewer = postListView({ items: [post(2)], newer: { createdAt: new Date(20), id: 3 } }, "/", FIRST);
    expect(onlyNewer).toMatchObject({ newerUrl: "/?after=20-3" });
    expect(onlyNewer.olderUrl).toBeUndefined();
  });

  it("maps each post in order to its view", () => {
    const view = postListView({ items: [post(2, "bob"), post(1, "a b")] }, "/", FIRST);
    expect(view.posts).toEqual([
      {
        parts: [{ text: "post 2" }],
        url: "/post/2",
        author: "bob",
        authorUrl: "/user/bob",
        avatarUrl: "/avatar/v1/1.svg",
        isoTime: "2024-03-05T14:07:09.123Z",
        displayTime: "5 Mar 2024, 14:07 UTC",
        anchor: "post-2",
        actions: {
          replyUrl: "/post/2?reply",
          replyCount: 0,
          repliesText: "0 replies",
          replyLabel: "Reply to bob",
          repost: { action: "/post/2/repost", pressed: false, count: 0, label: "Repost bob's post" },
          like: { action: "/post/2/like", pressed: false, count: 0, label: "Like bob's post" },
        },
      },
      {
        parts: [{ text: "post 1" }],
        url: "/post/1",
        author: "a b",
        authorUrl: "/user/a%20b",
        avatarUrl: "/avatar/v1/1.svg",
        isoTime: "2024-03-05T14:07:09.123Z",
        displayTime: "5 Mar 2024, 14:07 UTC",
        anchor: "post-1",
        actions: {
          replyUrl: "/post/1?reply",
          replyCount: 0,
          repliesText: "0 replies",
          replyLabel: "Reply to a b",
          repost: { action: "/post/1/repost", pressed: false, count: 0, label: "Repost a b's post" },
          like: { action: "/post/1/like", pressed: false, count: 0, label: "Like a b's post" },
        },
      },
    ]);
  });

  it("says whom a reply answers, and counts replies in the reply button's name", () => {
    const [view] = postListView({ items: [{ ...post(3, "bob"), replyToId: 1, replyCount: 1, replyToAuthor: { id: 2, username: "ann" } }] }, "/", FIRST).posts;
    expect(view!.replyTo).toEqual({ name: "ann", url: "/user/ann" });
    expect(view!.actions).toMatchObject({ repliesText: "1 reply", replyLabel: "Reply to bob, 1 reply" });
  });

  it("presses Repost on a post the reader reposted, and says who reposted a post a list shows for a repost", () => {
    const repost = { id: 9, createdAt: new Date(9), by: { id: 4, username: "cy" } };
    const [view] = postListView({ items: [{ ...post(5, "bob"), reposted: true, repostCount: 2, repost }] }, "/", FIRST).posts;
    expect(view!.actions!.repost).toEqual({ action: "/post/5/unrepost", pressed: true, count: 2, label: "Repost bob's post, 2 reposts" });
    expect(view!.repostedBy).toEqual({ name: "cy", url: "/user/cy" });
    expect(view!.anchor).toBe("post-5");
  });

  it("offers Unlike on a post the reader likes; the page's form comes back to this very page", () => {
    const cursor = { createdAt: new Date(7), id: 7 };
    const view = postListView({ items: [{ ...post(5, "bob"), liked: true, likeCount: 1 }] }, "/user/bob", { kind: "older", cursor });
    expect(view.posts[0]!.actions!.like).toEqual({ action: "/post/5/unlike", pressed: true, count: 1, label: "Like bob's post, 1 like" });
    expect(view.here).toBe("/user/bob?before=7-7");
    expect(postListView({ items: [] }, "/explore", FIRST).here).toBe("/explore");
  });

  it("keeps nothing of a deleted post but its link and time: no text, no author's words, no actions", () => {
    const [view] = postListView({ items: [{ ...post(4, "bob"), body: "", deletedAt: new Date(), replyCount: 2 }] }, "/", FIRST).posts;
    expect(view).toMatchObject({ deleted: true, url: "/post/4", parts: [] });
    expect(view!.actions).toBeUndefined();
  });

  it("gives isoTime as ISO-8601 in UTC that parses back to the same instant", () => {
    const at = new Date(Date.UTC(2023, 11, 31, 23, 59, 58, 7));
    const [view] = postListView({ items: [post(1, "alice", at)] }, "/", FIRST).posts;
    expect(view?.isoTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(view?.isoTime).toBe("2023-12-31T23:59:58.007Z");
    expect(new Date(view?.isoTime ?? "").getTime()).toBe(at.getTime());
    expect(view?.displayTime).toBe("31 Dec 2023, 23:59 UTC");
  });

  it("leaves the body as plain text for the template to escape, its web addresses marked as links", () => {
    const item = { ...post(1), body: "<b>hi</b> & https://x.example/?a=<b>" };
    expect(postListView({ items: [item] }, "/", FIRST).posts[0]?.parts).toEqual([
      { text: "<b>hi</b> & " },
      { text: "https://x.example/?a=", href: "https://x.example/?a=" },
      { text: "<b>" },
    ]);
  });

  it("returns no posts for an empty page", () => {
    expect(postListView({ items: [] }, "/", FIRST).posts).toEqual([]);
    expect(postListView({ items: [] }, "/", FIRST).firstPageUrl).toBeUndefined();
  });

  it("offers the way back to the newest posts on an empty page reached through a link", () => {
    const cursor = { createdAt: new Date(5), id: 5 };
    expect(postListView({ items: [] }, "/user/bob", { kind: "older", cursor }).firstPageUrl).toBe("/user/bob");
    expect(postListView({ items: [post(1)] }, "/user/bob", { kind: "older", cursor }).firstPageUrl).toBeUndefined();
  });
});
