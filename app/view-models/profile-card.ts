import type { Standing } from "../domain/follow.js";
import type { User } from "../domain/user.js";
import { linkedText, type TextPart } from "./linked-text.js";
import { utcTime } from "./post-list.js";
import { standingView, type StandingView } from "./standing.js";
import { avatarUrl, bannerUrl, chatUrl, profileUrl } from "./urls.js";

export interface TimeView {
  iso: string;
  text: string;
}

/** Who a user is, as the profile's header and the popover show it. */
export interface ProfileCardView extends StandingView {
  username: string;
  profileUrl: string;
  avatarUrl: string;
  /** The profile's banner, in the avatar's colour. */
  bannerUrl: string;
  /** About me, its web addresses as links. */
  aboutMe: TextPart[];
  memberSince: TimeView;
  lastSeen?: TimeView;
  /** One's own card links to the profile editor instead of a follow button and "Send message". */
  own: boolean;
  messageUrl: string;
}

const timeView = (date: Date): TimeView => ({ iso: date.toISOString(), text: utcTime(date) });

/** `here` is the page a follow button brings the viewer back to. */
export function profileCardView(user: User, standing: Standing, viewerId: number, here: string): ProfileCardView {
  const own = user.id === viewerId;
  return {
    username: user.username,
    profileUrl: profileUrl(user.username),
    avatarUrl: avatarUrl(user.id),
    bannerUrl: bannerUrl(user.id),
    aboutMe: linkedText(user.aboutMe),
    memberSince: timeView(user.createdAt),
    lastSeen: user.lastSeen ? timeView(user.lastSeen) : undefined,
    own,
    messageUrl: chatUrl(user.username),
    ...standingView(standing, user.username, own, here),
  };
}
