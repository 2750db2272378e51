import { IDENTICON_VERSION } from "./identicon.js";

/** Where things live: every link a page makes to a user is made here. */

export const profileUrl = (username: string) => `/user/${encodeURIComponent(username)}`;
export const followersUrl = (username: string) => `${profileUrl(username)}/followers`;
export const followingUrl = (username: string) => `${profileUrl(username)}/following`;
export const sendMessageUrl = (username: string) => `/send_message/${encodeURIComponent(username)}`;
/** A post's own page. */
export const postUrl = (postId: number) => `/post/${postId}`;
/** The question before one's own post is deleted, and the form that deletes it. */
export const deletePostUrl = (postId: number) => `${postUrl(postId)}/delete`;
export const popupUrl = (username: string) => `${profileUrl(username)}/popup`;
/** By id, so an avatar survives a rename; by the drawing's version, so it can be cached for good. */
export const avatarUrl = (userId: number) => `/avatar/v${IDENTICON_VERSION}/${userId}.svg`;
