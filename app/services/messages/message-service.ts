import { checkRecipient, createMessage, type Mailbox, type MailboxMessage } from "../../domain/message.js";
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

  /**
   * A page of a user's received or sent messages, newest first. Opening the newest received ones
   * (`markRead`: a page someone looks at, not a HEAD) reads the mailbox, as in the tutorial: every
   * message up to the newest the page shows counts as read, older pages included. One that arrives
   * meanwhile stays unread.
   */
  async open(box: Mailbox, userId: number, request: PageRequest, markRead: boolean): Promise<{ page: Page<MailboxMessage>; unread?: number }> {
    const page = await this.messages.mailbox(box, userId, request, PAGE_SIZE);
    if (!markRead || box !== "received" || request.kind !== "first" || page.items.length === 0) return { page };
    // The user's other tabs clear their badge.
    if (await this.messages.markReadUpTo(userId, Math.max(...page.items.map((m) => m.id)))) await this.notifications.announce(userId);
    // What is still unread now (a message that arrived meanwhile), for this page's badge and the next.
    const user = await this.recentUsers.fresh(userId);
    return { page, unread: user?.unreadMessages };
  }
}
