import type { FollowEntry, FollowList, Suggestion } from "../domain/follow.js";
import type { Page, PageRequest } from "../domain/page.js";
import type { User } from "../domain/user.js";
import { linkedText, type TextPart } from "./linked-text.js";
import { pagerView, type PagerView } from "./pager.js";
import { followFormFor, type FollowForm } from "./standing.js";
import { avatarUrl, followersUrl, followingUrl, profileUrl } from "./urls.js";

export interface PersonView {
  username: string;
  url: string;
  avatarUrl: string;
  aboutMe: TextPart[];
  followForm?: FollowForm;
}

export interface FollowListView extends PagerView {
  title: string;
  username: string;
  profileUrl: string;
  avatarUrl: string;
  /** Followers and Following, the current one marked. */
  tabs: { label: string; url: string; current: boolean }[];
  people: PersonView[];
  empty: string;
}

function personOf(person: Suggestion, followForm: FollowForm | undefined): PersonView {
  return {
    username: person.username,
    url: profileUrl(person.username),
    avatarUrl: avatarUrl(person.id),
    aboutMe: linkedText(person.aboutMe),
    followForm,
  };
}

/** One person in a list of people, with the viewer's follow button (none for the viewer); `here` is where it brings one back to. */
export function personView({ user, followedByViewer }: FollowEntry, viewerId: number, here: string): PersonView {
  return personOf(user, followFormFor(user.username, followedByViewer, user.id === viewerId, here));
}

/** "Who to follow": people the viewer does not follow yet, each with its Follow button. */
export function suggestionViews(people: Suggestion[], here: string): PersonView[] {
  return people.map((user) => personOf(user, followFormFor(user.username, false, false, here)));
}

/** A page of a user's followers or following; `here` is where follow buttons bring one back to. */
export function followListView(
  list: FollowList,
  user: User,
  entries: Page<FollowEntry>,
  viewerId: number,
  here: string,
  request: PageRequest,
): FollowListView {
  const name = user.username;
  const path = list === "followers" ? followersUrl(name) : followingUrl(name);
  return {
    title: list === "followers" ? `People following ${name}` : `People ${name} follows`,
    username: name,
    profileUrl: profileUrl(name),
    avatarUrl: avatarUrl(user.id),
    tabs: [
      { label: "Followers", url: followersUrl(name), current: list === "followers" },
      { label: "Following", url: followingUrl(name), current: list === "following" },
    ],
    people: entries.items.map((entry) => personView(entry, viewerId, here)),
    empty: list === "followers" ? `No one follows ${name} yet.` : `${name} does not follow anyone yet.`,
    ...pagerView(entries, path, request),
  };
}
