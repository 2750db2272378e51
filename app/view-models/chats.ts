import type { Chat, Message } from "../domain/message.js";
import type { Page, PageRequest } from "../domain/page.js";
import type { User } from "../domain/user.js";
import { linkedText, type TextPart } from "./linked-text.js";
import { pagerView, type PagerView } from "./pager.js";
import { utcTime } from "./post-list.js";
import { avatarUrl, chatUrl, profileUrl, sendMessageUrl } from "./urls.js";

/** One row of /messages. */
export interface ChatRowView {
  name: string;
  url: string;
  avatarUrl: string;
  /** The newest message, as plain text (the whole row is a link), and whether the reader wrote it. */
  lastText: string;
  lastFromMe: boolean;
  isoTime: string;
  displayTime: string;
  unread: number;
}

export interface ChatListView extends PagerView {
  conversations: ChatRowView[];
}

/** A conversation's page (views/conversation.eta). */
export interface ChatView extends PagerView {
  title: string;
  url: string;
  other: { name: string; url: string; avatarUrl: string };
  /** Oldest first, as a conversation reads. */
  messages: { id: number; mine: boolean; parts: TextPart[]; isoTime: string; displayTime: string }[];
  /** Its newest page: what arrives is added as it comes. */
  live: boolean;
  sendAction: string;
}

/** A page of the reader's conversations, the newest first. */
export function chatListView(page: Page<Chat>, viewerId: number, request: PageRequest): ChatListView {
  return {
    conversations: page.items.map(({ other, last, unread }) => ({
      name: other.username,
      url: chatUrl(other.username),
      avatarUrl: avatarUrl(other.id),
      lastText: last.body,
      lastFromMe: last.senderId === viewerId,
      isoTime: last.createdAt.toISOString(),
      displayTime: utcTime(last.createdAt),
      unread,
    })),
    ...pagerView(page, "/messages", request),
  };
}

/** A page of the messages between the reader and `other`, turned to read oldest first. */
export function chatView(other: Pick<User, "id" | "username">, page: Page<Message>, viewerId: number, request: PageRequest): ChatView {
  const url = chatUrl(other.username);
  return {
    title: `Messages with ${other.username}`,
    url,
    other: { name: other.username, url: profileUrl(other.username), avatarUrl: avatarUrl(other.id) },
    messages: page.items
      .map((message) => ({
        id: message.id,
        mine: message.senderId === viewerId,
        parts: linkedText(message.body),
        isoTime: message.createdAt.toISOString(),
        displayTime: utcTime(message.createdAt),
      }))
      .reverse(),
    live: request.kind === "first",
    sendAction: sendMessageUrl(other.username),
    ...pagerView(page, url, request),
  };
}
