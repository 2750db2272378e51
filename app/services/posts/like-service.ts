import { NotFoundError, RefusedError } from "../../domain/errors.js";
import type { FollowEntry } from "../../domain/follow.js";
import { PAGE_SIZE, type Page, type PageRequest } from "../../domain/page.js";
import type { PostWithAuthor } from "../../domain/post.js";
import type { Writer } from "../../domain/user.js";
import type { LikeRepository } from "../../repositories/like-repository.js";
import type { NotificationRepository } from "../../repositories/notification-repository.js";
import type { PostRepository } from "../../repositories/post-repository.js";
import type { ActionLimits } from "../limits/action-limits.js";

/** A post and a page of the people who like it. */
export interface Likers {
  post: PostWithAuthor;
  likers: Page<FollowEntry>;
}

/** Liking and unliking posts, and who likes one. */
export class LikeService {
  constructor(
    private readonly likes: LikeRepository,
    private readonly posts: PostRepository,
    private readonly limits: ActionLimits,
    private readonly notifications: NotificationRepository,
  ) {}

  /**
   * `user` likes (or, with `liked` false, no longer likes) post `postId`, and the post's author is
   * told of a like; doing it twice is harmless. Returns the post's like count. RefusedError (on `like`) until the address is
   * confirmed (403) or past the limit shared by likes and unlikes (429); NotFoundError when the
   * post is gone or deleted, with nothing written.
   */
  async set(user: Writer, postId: number | undefined, liked: boolean): Promise<number> {
    if (postId === undefined) throw new NotFoundError("post");
    if (!user.emailVerified) throw new RefusedError({ like: `Confirm your email address before you like posts: open the link we sent to ${user.email}.` }, 403);
    await this.limits.within("like", `user:${user.id}`, "like", "You are liking and unliking too fast.");
    const result = liked ? await this.likes.like(user.id, postId) : await this.likes.unlike(user.id, postId);
    if (result === undefined) throw new NotFoundError("post");
    if (result.told !== undefined) await this.notifications.announce(result.told);
    return result.count;
  }

  /** Post `postId` and a page of the people who like it, newest first; NotFoundError when there is no such post, or it is deleted. */
  async likers(postId: number | undefined, viewerId: number, request: PageRequest): Promise<Likers> {
    const post = postId === undefined ? null : await this.posts.withAuthor(postId, viewerId);
    if (!post || post.deletedAt) throw new NotFoundError("post");
    return { post, likers: await this.likes.likers(post.id, viewerId, request, PAGE_SIZE) };
  }
}
