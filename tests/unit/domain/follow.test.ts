import { describe, expect, it } from "vitest";
import { checkFollow, FollowRefused } from "../../../app/domain/follow.js";

describe("checkFollow", () => {
  it("lets one user follow another", () => {
    expect(() => checkFollow(1, 2)).not.toThrow();
  });

  it("refuses following oneself, with a message for the person who asked", () => {
    expect(() => checkFollow(7, 7)).toThrow(new FollowRefused("You cannot follow yourself."));
  });
});
