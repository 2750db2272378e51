import { describe, expect, it } from "vitest";
import { followListView } from "../../../app/view-models/follow-list.js";
import { profileCardView } from "../../../app/view-models/profile-card.js";

const bob = { id: 2, username: "b b", email: "b@example.com", passwordHash: "x", createdAt: new Date("2026-01-02T03:04:05Z"), aboutMe: "", lastSeen: null, sessionVersion: 0, emailVerifiedAt: null };
const entry = (id: number, username: string, followedByViewer: boolean) => ({
  user: { id, username, aboutMe: `about ${username}` },
  since: new Date(1000 * id),
  followedByViewer,
});

describe("followListView", () => {
  it("names the list, marks its tab, and gives each person a link, an avatar and the viewer's button", () => {
    const page = { items: [entry(3, "cy", true), entry(4, "di", false), entry(1, "me", false)], older: { createdAt: new Date(1000), id: 1 } };
    const view = followListView("followers", bob, page, 1, "/user/b%20b/followers", { kind: "first" });
    expect(view.title).toBe("People following b b");
    expect(view.tabs).toEqual([
      { label: "Followers", url: "/user/b%20b/followers", current: true },
      { label: "Following", url: "/user/b%20b/following", current: false },
    ]);
    expect(view.people.map((p) => [p.username, p.url, p.avatarUrl, p.followForm?.label])).toEqual([
      ["cy", "/user/cy", "/avatar/v1/3.svg", "Unfollow"],
      ["di", "/user/di", "/avatar/v1/4.svg", "Follow"],
      ["me", "/user/me", "/avatar/v1/1.svg", undefined],
    ]);
    expect(view.olderUrl).toBe("/user/b%20b/followers?before=1000-1");
    expect(followListView("following", bob, { items: [] }, 1, "/", { kind: "first" })).toMatchObject({
      title: "People b b follows",
      empty: "b b does not follow anyone yet.",
    });
  });
});

describe("profileCardView", () => {
  const standing = { posts: 0, followers: 1, following: 2, followedByViewer: false };

  it("offers Follow to others and Edit profile (no button) to oneself", () => {
    expect(profileCardView(bob, standing, 1, "/here")).toMatchObject({ own: false, followForm: { label: "Follow", next: "/here" } });
    expect(profileCardView(bob, standing, 2, "/here")).toMatchObject({ own: true, followForm: undefined });
  });

  it("gives times as ISO and UTC text, with no last seen until there is one", () => {
    const card = profileCardView(bob, standing, 1, "/");
    expect(card.memberSince).toEqual({ iso: "2026-01-02T03:04:05.000Z", text: "2 Jan 2026, 03:04 UTC" });
    expect(card.lastSeen).toBeUndefined();
    expect(profileCardView({ ...bob, lastSeen: new Date(0) }, standing, 1, "/").lastSeen?.iso).toBe("1970-01-01T00:00:00.000Z");
  });
});
