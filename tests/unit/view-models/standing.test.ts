import { describe, expect, it } from "vitest";
import { standingView } from "../../../app/view-models/standing.js";

const standing = { posts: 1, followers: 2, following: 0, followedByViewer: false };

describe("standingView", () => {
  it("counts in words, singular for one", () => {
    expect(standingView(standing, "ann", false, "/user/ann").counts).toEqual([
      { label: "post", value: 1 },
      { label: "followers", value: 2, url: "/user/ann/followers" },
      { label: "following", value: 0, url: "/user/ann/following" },
    ]);
  });

  it("offers Follow, or Unfollow once followed, leading back to the page", () => {
    expect(standingView(standing, "a.b-c", false, "/user/a.b-c?before=1-2").followForm).toEqual({
      action: "/follow/a.b-c",
      label: "Follow",
      ariaLabel: "Follow a.b-c",
      next: "/user/a.b-c?before=1-2",
    });
    expect(standingView({ ...standing, followedByViewer: true }, "ann", false, "/user/ann").followForm).toMatchObject({
      action: "/unfollow/ann",
      label: "Unfollow",
    });
  });

  it("offers no button on one's own profile", () => {
    expect(standingView(standing, "ann", true, "/user/ann").followForm).toBeUndefined();
  });
});
