import { ForbiddenError, NotFoundError } from "../domain/errors.js";
import { PAGE_SIZE, type Page, type PageRequest } from "../domain/page.js";
import { createPost, type Post, type PostWithAuthor } from "../domain/post.js";
import type { User, Writer } from "../domain/user.js";
import type { PostRepository } from "../repositories/post-repository.js";
import type { UserRepository } from "../repositories/user-repository.js";
import type { ActionLimits } from "./action-limits.js";
import { existingUser } from "./existing-user.js";

export interface Profile {
  user: User;
  posts: Page<PostWithAuthor>;
}

export class PostService {
  constructor(
    private readonly posts: PostRepository,
    private readonly users: UserRepository,
    private readonly limits: ActionLimits,
  ) {}

  /**
   * Publishes `body` by `author`: RefusedError (on `body`) until their address is confirmed, or
   * past their limit; ValidationError for the text.
   */
  async publish(author: Writer, body: string): Promise<Post> {
    await this.limits.mayWrite(author, "post", "body");
    return this.posts.add(createPost(author.id, body));
  }

  /** The post a link names; NotFoundError when there is none (or the link names nothing). */
  async one(id: number | undefined): Promise<PostWithAuthor> {
    const post = id === undefined ? null : await this.posts.withAuthor(id);
    if (!post) throw new NotFoundError("post");
    return post;
  }

  /** The post a link names, if `userId` wrote it: NotFoundError when there is none, ForbiddenError when it is someone else's. */
  async own(userId: number, id: number | undefined): Promise<PostWithAuthor> {
    const post = await this.one(id);
    if (post.authorId !== userId) throw new ForbiddenError("the post");
    return post;
  }

  /** Deletes a post `userId` wrote (its count on their profile with it); NotFoundError or ForbiddenError as `own` says, and nothing deleted. */
  async delete(userId: number, id: number | undefined): Promise<void> {
    if (id !== undefined && (await this.posts.removeOwn(id, userId))) return;
    // Nothing was deleted: say why.
    await this.own(userId, id);
  }

  /** Everyone's posts, newest first. */
  async timeline(request: PageRequest): Promise<Page<PostWithAuthor>> {
    return this.posts.timeline(request, PAGE_SIZE);
  }

  /** The posts of the people a user follows, and their own, newest first. */
  async feed(userId: number, request: PageRequest): Promise<Page<PostWithAuthor>> {
    return this.posts.feed(userId, request, PAGE_SIZE);
  }

  /** A user and a page of their posts; NotFoundError when no such user exists. */
  async byAuthor(username: string, request: PageRequest): Promise<Profile> {
    const user = await existingUser(this.users, username);
    return { user, posts: await this.posts.byAuthor(user.id, request, PAGE_SIZE) };
  }
}
