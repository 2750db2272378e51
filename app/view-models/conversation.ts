import type { Cursor } from "../domain/page.js";
import type { PostWithAuthor } from "../domain/post.js";
import type { Conversation } from "../services/posts/post-service.js";
import { pageUrl } from "./pager.js";
import { linkedText, type TextPart } from "./linked-text.js";
import { counted, postView, utcTime, type PostView } from "./post-list.js";
import { deletePostUrl, editPostUrl, reactedUrl, postUrl, profileUrl, repliesUrl } from "./urls.js";

/** A post's page (views/post.eta): what it answers, the post, the reply form and a page of replies. */
export interface ConversationView {
  title: string;
  /** This page's own address, which its forms bring one back to. */
  here: string;
  /** The posts it answers, the first first; when the chain goes on above them, `earlierUrl` leads there. */
  ancestors: PostView[];
  earlierUrl?: string;
  post: PostView;
  author: { name: string; url: string };
  replies: PostView[];
  laterRepliesUrl?: string;
  /** On a later page of replies: back to the first. */
  firstRepliesUrl?: string;
  /** Who reposted it and who likes it, when anyone did: "2 reposts", "3 likes". */
  reacted: { url: string; text: string }[];
  /** The author's own post: the ways to edit and delete it. */
  editUrl?: string;
  deleteUrl?: string;
  /** An edited post's earlier texts, newest first. */
  versions: { parts: TextPart[]; isoTime: string; displayTime: string }[];
  /** Where a reply is sent; a deleted post takes none. */
  replyAction?: string;
}

/** `after` is where the page of replies shown starts (none for the first). */
export function conversationView(conversation: Conversation, viewerId: number, after: Cursor | undefined): ConversationView {
  const { post, ancestors, earlierId, replies } = conversation;
  const path = postUrl(post.id);
  const here = pageUrl(path, after ? { kind: "newer", cursor: after } : { kind: "first" });
  const laterPage = after !== undefined;
  const shown = (each: PostWithAuthor) => postView(each, here);
  const deleted = post.deletedAt !== null;
  return {
    title: deleted ? "A deleted post" : `${post.author.username}'s post`,
    here,
    ancestors: ancestors.map(shown),
    ...(earlierId === undefined ? {} : { earlierUrl: postUrl(earlierId) }),
    post: shown(post),
    author: { name: post.author.username, url: profileUrl(post.author.username) },
    replies: replies.items.map(shown),
    ...(replies.newer ? { laterRepliesUrl: `${pageUrl(path, { kind: "newer", cursor: replies.newer })}#replies` } : {}),
    ...(laterPage ? { firstRepliesUrl: `${path}#replies` } : {}),
    reacted: deleted
      ? []
      : [
          { url: reactedUrl(post.id, "repost"), text: counted(post.repostCount, "repost", "reposts"), count: post.repostCount },
          { url: reactedUrl(post.id, "like"), text: counted(post.likeCount, "like", "likes"), count: post.likeCount },
        ].flatMap(({ count, ...link }) => (count > 0 ? [link] : [])),
    ...(!deleted && post.authorId === viewerId ? { editUrl: editPostUrl(post.id), deleteUrl: deletePostUrl(post.id) } : {}),
    versions: conversation.versions.map((version) => ({
      parts: linkedText(version.body),
      isoTime: version.writtenAt.toISOString(),
      displayTime: utcTime(version.writtenAt),
    })),
    ...(deleted ? {} : { replyAction: repliesUrl(post.id) }),
  };
}
