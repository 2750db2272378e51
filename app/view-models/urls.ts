import type { Reaction } from "../domain/reaction.js";
import { IDENTICON_VERSION } from "./identicon.js";

/** Where things live: every link a page makes to a user is made here. */

export const profileUrl = (username: string) => `/user/${encodeURIComponent(username)}`;
/** A user by id, which leads to their profile under whatever name they have now: where a post's @name links. */
export const personUrl = (userId: number) => `/people/${userId}`;
/** A profile's second tab: the user's posts with their replies to others. */
export const withRepliesUrl = (username: string) => `${profileUrl(username)}/with_replies`;
export const followersUrl = (username: string) => `${profileUrl(username)}/followers`;
export const followingUrl = (username: string) => `${profileUrl(username)}/following`;
/** Where the form on a conversation's page sends a message. */
export const sendMessageUrl = (username: string) => `/send_message/${encodeURIComponent(username)}`;
/** The conversation with someone: the messages both ways, and the box to write the next. */
export const chatUrl = (username: string) => `/messages/${encodeURIComponent(username)}`;
/** A post's own page. */
export const postUrl = (postId: number) => `/post/${postId}`;
/** A post's page with its reply form focused (and so scrolled to: a fragment would keep the browser from focusing it). */
export const replyUrl = (postId: number) => `${postUrl(postId)}?reply`;
/** Where the reply form on a post's page sends a reply. */
export const repliesUrl = (postId: number) => `${postUrl(postId)}/replies`;
/** Who likes a post, or reposted it. */
export const reactedUrl = (postId: number, reaction: Reaction) => `${postUrl(postId)}/${reaction}s`;
/** The forms that like a post or repost it (`on`), and that take either back. */
export const reactionUrl = (postId: number, reaction: Reaction, on: boolean) => `${postUrl(postId)}/${on ? "" : "un"}${reaction}`;
/** The form that changes one's own post's text. */
export const editPostUrl = (postId: number) => `${postUrl(postId)}/edit`;
/** The question before one's own post is deleted, and the form that deletes it. */
export const deletePostUrl = (postId: number) => `${postUrl(postId)}/delete`;
export const popupUrl = (username: string) => `${profileUrl(username)}/popup`;
/** By id, so an avatar survives a rename; by the drawing's version, so it can be cached for good. */
export const avatarUrl = (userId: number) => `/avatar/v${IDENTICON_VERSION}/${userId}.svg`;
/** A profile's banner, drawn in the avatar's colour (cached for good, as the avatar is). */
export const bannerUrl = (userId: number) => `/avatar/v${IDENTICON_VERSION}/${userId}-banner.svg`;
/** The notifications page. */
export const NOTIFICATIONS_URL = "/notifications";
