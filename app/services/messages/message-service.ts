import { checkRecipient, createMessage, type Chat, type Message } from "../../domain/message.js";
import { PAGE_SIZE, type Page, type PageRequest } from "../../domain/page.js";
import type { User, Writer } from "../../domain/user.js";
import type { MessageRepository } from "../../repositories/message-repository.js";
import type { NotificationRepository } from "../../repositories/notification-repository.js";
import type { UserRepository } from "../../repositories/user-repository.js";
import type { ActionLimits } from "../limits/action-limits.js";
import { existingUser } from "../people/existing-user.js";
import type { RecentUsers } from "../accounts/recent-users.js";

export class MessageService {
  constructor(
    private readonly messages: MessageRepository,
    private readonly users: UserRepository,
    private readonly recentUsers: RecentUsers,
    private readonly notifications: NotificationRepository,
    private readonly limits: ActionLimits,
  ) {}

  /** Whom `senderId` may write to by that name; NotFoundError for no such user, MessageRefused for oneself. */
  async recipient(senderId: number, username: string): Promise<User> {
    const user = await existingUser(this.users, username);
    checkRecipient(senderId, user.id);
    return user;
  }

  /**
   * Sends a message to a recipient found by `recipient()`: RefusedError (on `message`) until the
   * sender's address is confirmed, or past their limit; ValidationError for the text.
   */
  async send(sender: Writer, recipient: User, body: string): Promise<void> {
    await this.limits.mayWrite(sender, "message", "message");
    await this.messages.add(createMessage(sender.id, recipient.id, body));
    // The recipient's pages in this process count it at once; their open tabs anywhere hear of it.
    this.recentUsers.forget(recipient.id);
    await this.notifications.announce(recipient.id);
  }

  /** A page of a user's conversations, the one with the newest message first. */
  async chats(userId: number, request: PageRequest): Promise<Page<Chat>> {
    return this.messages.chats(userId, request, PAGE_SIZE);
  }

  /**
   * A page of the messages between a user and the person of that name, newest first (NotFoundError
   * for no such person, MessageRefused for oneself). Opening its newest page (`markRead`: a page
   * someone looks at, not a HEAD) reads the conversation: every message up to the newest the page
   * shows. One that arrives meanwhile stays unread. `unread` is what is left unread overall, when it changed.
   */
  async open(userId: number, username: string, request: PageRequest, markRead: boolean): Promise<{ other: User; page: Page<Message>; unread?: number }> {
    const other = await this.recipient(userId, username);
    const { page, unread } = await this.messages.between(userId, other.id, request, PAGE_SIZE);
    const newest = page.items[0];
    // Nothing unread, nothing to write: the page stays a read alone.
    if (!markRead || request.kind !== "first" || !newest || unread === 0) return { other, page };
    // The user's other tabs update their badge.
    if (!(await this.messages.read(userId, other.id, newest))) return { other, page };
    await this.notifications.announce(userId);
    // What is still unread now, for this page's badge and the next.
    const user = await this.recentUsers.fresh(userId);
    return { other, page, unread: user?.unreadMessages };
  }
}
