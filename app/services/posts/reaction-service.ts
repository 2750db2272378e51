import { NotFoundError, RefusedError } from "../../domain/errors.js";
import type { FollowEntry } from "../../domain/follow.js";
import { PAGE_SIZE, type Page, type PageRequest } from "../../domain/page.js";
import type { PostWithAuthor } from "../../domain/post.js";
import type { Reaction } from "../../domain/reaction.js";
import type { Writer } from "../../domain/user.js";
import type { NotificationRepository } from "../../repositories/notification-repository.js";
import type { PostRepository } from "../../repositories/post-repository.js";
import type { ReactionRepository } from "../../repositories/reaction-repository.js";
import type { ActionLimits } from "../limits/action-limits.js";

/** A post and a page of the people who like (or reposted) it. */
export interface Reacted {
  post: PostWithAuthor;
  people: Page<FollowEntry>;
}

/** What a refusal says, by reaction: before the address is confirmed, and past the limit. */
const REFUSALS: Record<Reaction, { unconfirmed: string; tooFast: string }> = {
  like: { unconfirmed: "like posts", tooFast: "You are liking and unliking too fast." },
  repost: { unconfirmed: "repost posts", tooFast: "You are reposting too fast." },
};

/** Liking and reposting posts (and taking either back), and who did so. */
export class ReactionService {
  constructor(
    private readonly reactions: ReactionRepository,
    private readonly posts: PostRepository,
    private readonly limits: ActionLimits,
    private readonly notifications: NotificationRepository,
  ) {}

  /**
   * `user` likes or reposts post `postId` (with `on` false, takes it back), and the post's author is
   * told; doing it twice is harmless. Returns the post's count of them. RefusedError (on the field
   * named for the reaction) until the address is confirmed (403) or past the limit likes and
   * reposts share (429); NotFoundError when the post is gone, deleted or a repost, with nothing written.
   */
  async set(reaction: Reaction, user: Writer, postId: number | undefined, on: boolean): Promise<number> {
    if (postId === undefined) throw new NotFoundError("post");
    const refusal = REFUSALS[reaction];
    if (!user.emailVerified) throw new RefusedError({ [reaction]: `Confirm your email address before you ${refusal.unconfirmed}: open the link we sent to ${user.email}.` }, 403);
    await this.limits.within("like", `user:${user.id}`, reaction, refusal.tooFast);
    const result = on ? await this.reactions.add(reaction, user.id, postId) : await this.reactions.remove(reaction, user.id, postId);
    if (result === undefined) throw new NotFoundError("post");
    if (result.told !== undefined) await this.notifications.announce(result.told);
    return result.count;
  }

  /**
   * Post `postId` and a page of the people who like (or reposted) it, newest first; NotFoundError
   * when there is no such post, or it is deleted.
   */
  async people(reaction: Reaction, postId: number | undefined, viewerId: number, request: PageRequest): Promise<Reacted> {
    const post = postId === undefined ? null : await this.posts.withAuthor(postId, viewerId);
    if (!post || post.deletedAt) throw new NotFoundError("post");
    return { post, people: await this.reactions.people(reaction, post.id, viewerId, request, PAGE_SIZE) };
  }
}
