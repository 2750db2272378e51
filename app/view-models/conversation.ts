import { encodeCursor } from "../domain/page.js";
import type { Conversation } from "../services/post-service.js";
import { postView, type PostView } from "./post-list.js";
import { deletePostUrl, postUrl, profileUrl, repliesUrl } from "./urls.js";

/** A post's page (views/post.eta): what it answers, the post, the reply form and a page of replies. */
export interface ConversationView {
  title: string;
  /** The posts it answers, the first first; when the chain goes on above them, `earlierUrl` leads there. */
  ancestors: PostView[];
  earlierUrl?: string;
  post: PostView;
  author: { name: string; url: string };
  replies: PostView[];
  laterRepliesUrl?: string;
  /** On a later page of replies: back to the first. */
  firstRepliesUrl?: string;
  /** The author's own post: the way to delete it. */
  deleteUrl?: string;
  /** Where a reply is sent; a deleted post takes none. */
  replyAction?: string;
}

export function conversationView(conversation: Conversation, viewerId: number, laterPage: boolean): ConversationView {
  const { post, ancestors, earlierId, replies } = conversation;
  const path = postUrl(post.id);
  const deleted = post.deletedAt !== null;
  return {
    title: deleted ? "A deleted post" : `${post.author.username}'s post`,
    ancestors: ancestors.map(postView),
    ...(earlierId === undefined ? {} : { earlierUrl: postUrl(earlierId) }),
    post: postView(post),
    author: { name: post.author.username, url: profileUrl(post.author.username) },
    replies: replies.items.map(postView),
    ...(replies.newer ? { laterRepliesUrl: `${path}?after=${encodeCursor(replies.newer)}#replies` } : {}),
    ...(laterPage ? { firstRepliesUrl: `${path}#replies` } : {}),
    ...(!deleted && post.authorId === viewerId ? { deleteUrl: deletePostUrl(post.id) } : {}),
    ...(deleted ? {} : { replyAction: repliesUrl(post.id) }),
  };
}
