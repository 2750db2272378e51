import { ForbiddenError, NotFoundError, RefusedError } from "../../domain/errors.js";
import { PAGE_SIZE, type Cursor, type Page, type PageRequest } from "../../domain/page.js";
import { isTagName, tagKey } from "../../domain/text-links.js";
import { createPost, editPost, type NewPost, type Post, type PostVersion, type PostWithAuthor, type Thread } from "../../domain/post.js";
import type { User, Writer } from "../../domain/user.js";
import type { NotificationRepository } from "../../repositories/notification-repository.js";
import type { PostRepository } from "../../repositories/post-repository.js";
import type { UserRepository } from "../../repositories/user-repository.js";
import type { ActionLimits } from "../limits/action-limits.js";
import { existingUser } from "../people/existing-user.js";

export interface Profile {
  user: User;
  posts: Page<PostWithAuthor>;
}

/** A post's page: the post, what it answers, a page of its replies, and its earlier texts if it was edited. */
export interface Conversation extends Thread {
  replies: Page<PostWithAuthor>;
  versions: PostVersion[];
}

/** Said beside the reply form when the post was deleted while the reply was written. */
export const ANSWERED_POST_GONE = "This post was deleted, so it can no longer be answered. Your reply was not sent.";

export class PostService {
  constructor(
    private readonly posts: PostRepository,
    private readonly users: UserRepository,
    private readonly limits: ActionLimits,
    private readonly notifications: NotificationRepository,
  ) {}

  /**
   * Publishes `body` by `author`, and tells the people it names (at most MOST_NOTIFIED):
   * RefusedError (on `body`) until their address is confirmed, or past their limit;
   * ValidationError for the text.
   */
  async publish(author: Writer, body: string): Promise<Post> {
    return this.write(author, () => createPost(author.id, body));
  }

  /**
   * Publishes `body` by `author` as a reply to post `replyToId`, and tells that post's author: as
   * `publish` says, and RefusedError
   * (410) on `body` when that post is gone or deleted, with nothing written.
   */
  async reply(author: Writer, replyToId: number | undefined, body: string): Promise<Post> {
    if (replyToId === undefined) throw new NotFoundError("post");
    return this.write(author, () => createPost(author.id, body, replyToId));
  }

  private async write(author: Writer, made: () => NewPost): Promise<Post> {
    await this.limits.mayWrite(author, "post", "body");
    const added = await this.posts.add(made());
    if (!added) throw new RefusedError({ body: ANSWERED_POST_GONE }, 410);
    await Promise.all(added.notified.map((userId) => this.notifications.announce(userId)));
    return added.post;
  }

  /**
   * Post `id` with the posts it answers and a page of its replies past `after`, as `readerId` sees
   * them (two statements whatever the conversation's size, and its earlier texts if it was edited);
   * NotFoundError when there is no such post.
   */
  async conversation(id: number | undefined, readerId: number, after: Cursor | undefined): Promise<Conversation> {
    if (id === undefined) throw new NotFoundError("post");
    const [thread, replies] = await Promise.all([this.posts.thread(id, readerId), this.posts.replies(id, readerId, after, PAGE_SIZE)]);
    if (!thread) throw new NotFoundError("post");
    // A third statement only for a post that was edited.
    const versions = thread.post.editedAt && !thread.post.deletedAt ? await this.posts.versions(id) : [];
    return { ...thread, replies, versions };
  }

  /** The post a link names, as `readerId` sees it; NotFoundError when there is none, it is deleted, or the link names nothing. */
  async one(id: number | undefined, readerId: number): Promise<PostWithAuthor> {
    const post = id === undefined ? null : await this.posts.withAuthor(id, readerId);
    if (!post || post.deletedAt) throw new NotFoundError("post");
    return post;
  }

  /** The post a link names, if `userId` wrote it: NotFoundError when there is none, ForbiddenError when it is someone else's. */
  async own(userId: number, id: number | undefined): Promise<PostWithAuthor> {
    const post = await this.one(id, userId);
    if (post.authorId !== userId) throw new ForbiddenError("the post");
    return post;
  }

  /**
   * Changes the text of a post `author` wrote, and tells the people it newly names: as `publish`
   * says for the text, the address and the limit; NotFoundError or ForbiddenError as `own` says,
   * with nothing written. The same text again changes nothing.
   */
  async edit(author: Writer, id: number | undefined, body: string): Promise<void> {
    // Someone else's post is refused before its text is even looked at.
    const post = await this.own(author.id, id);
    const edit = editPost(body);
    await this.limits.mayWrite(author, "post", "body");
    const told = await this.posts.edit(post.id, author.id, edit);
    // Deleted in the meantime.
    if (told === undefined) throw new NotFoundError("post");
    await Promise.all(told.map((userId) => this.notifications.announce(userId)));
  }

  /** Deletes a post `userId` wrote (its count on their profile with it); NotFoundError or ForbiddenError as `own` says, and nothing deleted. */
  async delete(userId: number, id: number | undefined): Promise<void> {
    if (id !== undefined && (await this.posts.removeOwn(id, userId))) return;
    // Nothing was deleted: say why.
    await this.own(userId, id);
  }

  /** Everyone's posts, newest first, as `readerId` sees them. */
  async timeline(readerId: number, request: PageRequest): Promise<Page<PostWithAuthor>> {
    return this.posts.timeline(readerId, request, PAGE_SIZE);
  }

  /** The posts with hashtag `name` (any case), newest first, and the tag's key; NotFoundError when it is no tag's name. */
  async tagged(name: string, readerId: number, request: PageRequest): Promise<{ tag: string; posts: Page<PostWithAuthor> }> {
    if (!isTagName(name)) throw new NotFoundError("tag");
    const tag = tagKey(name);
    return { tag, posts: await this.posts.tagged(tag, readerId, request, PAGE_SIZE) };
  }

  /** The posts of the people a user follows, and their own, newest first. */
  async feed(userId: number, request: PageRequest): Promise<Page<PostWithAuthor>> {
    return this.posts.feed(userId, request, PAGE_SIZE);
  }

  /** A user and a page of their posts (with `replies`, their replies to others too) as `readerId` sees them; NotFoundError when no such user exists. */
  async byAuthor(username: string, readerId: number, request: PageRequest, replies = false): Promise<Profile> {
    const user = await existingUser(this.users, username);
    return { user, posts: await this.posts.byAuthor(user.id, readerId, request, PAGE_SIZE, replies) };
  }
}
