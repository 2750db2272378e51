import { NO_MENTIONS } from "../domain/mentions.js";
import type { PostWithAuthor } from "../domain/post.js";
import type { User } from "../domain/user.js";
import { chatListView, chatView } from "./chats.js";
import { suggestionViews } from "./follow-list.js";
import { postView } from "./post-list.js";
import { profileCardView } from "./profile-card.js";

// The style guide's sample content (development only, /dev/styleguide), made by the same view models
// as the real pages, so a change to them shows there too. Nothing here is read from the database.

const HERE = "/dev/styleguide";
const NOW = Date.UTC(2026, 11, 7, 12, 0);
const minutesAgo = (minutes: number) => new Date(NOW - minutes * 60_000);
const ann = { id: 1, username: "ann" };
const bob = { id: 2, username: "bob" };
const cal = { id: 3, username: "cal" };

/** A post whose id no real post has: the style guide's buttons lead nowhere (a 404), whatever is clicked. */
const SAMPLE_ID = 2_147_483_600;

function post(id: number, author: typeof ann, body: string, extra: Partial<PostWithAuthor> = {}): PostWithAuthor {
  return {
    id: SAMPLE_ID + id,
    body,
    authorId: author.id,
    author,
    createdAt: minutesAgo(id * 7),
    replyToId: null,
    replyCount: 0,
    likeCount: 0,
    repostCount: 0,
    deletedAt: null,
    mentions: NO_MENTIONS,
    editedAt: null,
    liked: false,
    reposted: false,
    ...extra,
  };
}

const user = (who: typeof ann, aboutMe: string): User => ({
  ...who,
  email: `${who.username}@example.com`,
  passwordHash: "",
  createdAt: minutesAgo(60 * 24 * 90),
  aboutMe,
  lastSeen: minutesAgo(5),
  sessionVersion: 0,
  emailVerifiedAt: minutesAgo(60 * 24 * 90),
});

/** Every kind of post row, each action's state, a person list, a card, conversations: one of each. */
export function styleguideView() {
  const posts = [
    post(1, ann, "A plain post with a link https://example.com/page and a #hashtag."),
    post(2, bob, "Liked and reposted by the reader, with counts.", { likeCount: 3, repostCount: 2, replyCount: 1, liked: true, reposted: true }),
    post(3, cal, "Shown because ann reposted it.", { repost: { id: 30, createdAt: minutesAgo(1), by: ann } }),
    post(4, ann, "A reply, edited once.", { replyToId: SAMPLE_ID + 2, replyToAuthor: bob, editedAt: minutesAgo(2) }),
    post(5, bob, "", { deletedAt: minutesAgo(3), replyCount: 2 }),
  ].map((each) => postView(each, HERE));
  const card = profileCardView(user(bob, "Writes short things, and this is about me."), { posts: 12, followers: 340, following: 18, followedByViewer: false }, ann.id, HERE);
  const chats = chatListView(
    {
      items: [
        { other: bob, last: { id: 9, senderId: bob.id, body: "Lunch at noon?", createdAt: minutesAgo(4) }, unread: 2 },
        { other: cal, last: { id: 8, senderId: ann.id, body: "See you then.", createdAt: minutesAgo(40) }, unread: 0 },
      ],
    },
    ann.id,
    { kind: "first" },
  );
  const chat = chatView(
    bob,
    {
      items: [
        { id: 9, senderId: bob.id, recipientId: ann.id, body: "Lunch at noon?", createdAt: minutesAgo(4) },
        { id: 7, senderId: ann.id, recipientId: bob.id, body: "Hello! Long time.", createdAt: minutesAgo(6) },
      ],
    },
    ann.id,
    { kind: "first" },
  );
  return {
    title: "Style guide",
    here: HERE,
    posts,
    people: suggestionViews([{ ...bob, aboutMe: "" }, { ...cal, aboutMe: "" }], HERE),
    card,
    conversations: chats.conversations,
    chat,
    maxLength: 140,
  };
}
