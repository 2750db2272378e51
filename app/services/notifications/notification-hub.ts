import type { StreamLimits } from "../../config.js";
import type { NotificationNews } from "../../domain/notification.js";
import type { NotificationRepository } from "../../repositories/notification-repository.js";

/** Where a stream's news goes: a browser tab's open connection. */
export interface NotificationSink {
  /** New notifications (possibly none), the unread count now, and the number of the newest the stream has now had. */
  send(news: NotificationNews, upTo: number): void;
  /** The server is closing, or the log could not be read: the stream ends, and the browser reconnects. */
  end(): void;
}

export interface Subscription {
  close(): void;
}

interface Subscriber {
  sink: NotificationSink;
  /** The session version of the login the stream was opened with: once the user's moves on, that login has ended. */
  sessionVersion: number;
  /** The number of the newest notification this stream has been sent; undefined until its first read. */
  sentUpTo: number | undefined;
  /** Where the stream started: after this number (Last-Event-ID), or from now. */
  resumeAfter: number | undefined;
}

/** One user's streams in this process, and whether their log is being read for them. */
interface Group {
  subscribers: Set<Subscriber>;
  reading: boolean;
  again: boolean;
}

/**
 * The open notification streams of this process, by user. When the bus says a user has news, their
 * log is read once for all their streams here, from the oldest point any of them has reached, and
 * each stream is sent what it has not had yet: no notification is lost or sent twice, whatever the
 * bus drops or repeats, and ten tabs cost one read. A user's reads never overlap; news arriving
 * during one is read right after it. Every end of a session (a logout, a new password, a deleted
 * account) is news too: the same read finds the user's session version moved on, or the user gone,
 * and ends the streams of the logins that no longer count, in every process.
 */
export class NotificationHub {
  private readonly groups = new Map<number, Group>();
  private readonly stopListening: () => void;
  private closed = false;
  /** Streams open here, every user's together. */
  private open = 0;

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly limits: Pick<StreamLimits, "perUser" | "perProcess">,
    private readonly onError: (error: unknown) => void,
  ) {
    this.stopListening = notifications.listen((userId) => {
      if (userId !== null) return void this.look(userId);
      for (const id of this.groups.keys()) void this.look(id);
    });
  }

  /**
   * Starts sending `userId`'s news to `sink`, for as long as the login with `sessionVersion`
   * counts: first their unread count and any notifications after `resumeAfter`, then each new one. "full" when the user already has `perUser` streams here;
   * "busy" when this process holds `perProcess` streams in all; "closed" once the server is
   * closing. The sink hears nothing before this call has returned.
   */
  subscribe(userId: number, sessionVersion: number, resumeAfter: number | undefined, sink: NotificationSink): Subscription | "full" | "busy" | "closed" {
    if (this.closed) return "closed";
    let group = this.groups.get(userId);
    if (group && group.subscribers.size >= this.limits.perUser) return "full";
    if (this.open >= this.limits.perProcess) return "busy";
    if (!group) {
      group = { subscribers: new Set(), reading: false, again: false };
      this.groups.set(userId, group);
    }
    const subscriber: Subscriber = { sink, sessionVersion, sentUpTo: undefined, resumeAfter };
    group.subscribers.add(subscriber);
    this.open++;
    void this.look(userId);
    const joined = group;
    return {
      close: () => {
        if (joined.subscribers.delete(subscriber)) this.open--;
        if (joined.subscribers.size === 0 && this.groups.get(userId) === joined) this.groups.delete(userId);
      },
    };
  }

  /** Ends every stream and stops listening: the server is closing. */
  close(): void {
    this.closed = true;
    this.stopListening();
    for (const group of this.groups.values()) for (const subscriber of group.subscribers) subscriber.sink.end();
    this.groups.clear();
  }

  private async look(userId: number): Promise<void> {
    const group = this.groups.get(userId);
    if (!group) return;
    if (group.reading) {
      group.again = true;
      return;
    }
    group.reading = true;
    try {
      do {
        group.again = false;
        await this.read(userId, group);
      } while (group.again && this.groups.get(userId) === group);
    } catch (error) {
      // The streams are ended rather than left behind: their browsers reconnect and resume after the last event they had.
      this.onError(error);
      for (const subscriber of group.subscribers) subscriber.sink.end();
    } finally {
      group.reading = false;
    }
  }

  /**
   * Reads the log once for the group's streams, and sends each what is new to it. A stream that
   * joins during the read is left to the next one, which its joining asked for: this read may not
   * reach back to where it starts.
   */
  private async read(userId: number, group: Group): Promise<void> {
    const subscribers = [...group.subscribers];
    const points = subscribers.map((s) => s.sentUpTo ?? s.resumeAfter).filter((p) => p !== undefined);
    const from = points.length > 0 ? Math.min(...points) : undefined;
    const news = await this.notifications.since(userId, from);
    const last = news.notifications.at(-1)?.seq;
    for (const subscriber of subscribers) {
      // Closed during the read.
      if (!group.subscribers.has(subscriber)) continue;
      if (subscriber.sessionVersion !== news.sessionVersion) {
        subscriber.sink.end();
        continue;
      }
      const starting = subscriber.sentUpTo === undefined;
      // A stream from now, or one resuming past the end of the log (a forged or stale id), follows on from the newest.
      const after = Math.min(subscriber.sentUpTo ?? subscriber.resumeAfter ?? news.latest, news.latest);
      const notifications = news.notifications.filter((n) => n.seq > after);
      subscriber.sentUpTo = Math.max(after, last ?? after);
      // A new stream is always told the unread counts; afterwards only news is sent.
      if (starting || notifications.length > 0) subscriber.sink.send({ notifications, unreadMessages: news.unreadMessages, unreadNotifications: news.unreadNotifications }, subscriber.sentUpTo);
    }
    // A batch is at most so long: read on while it was cut short.
    if (last !== undefined && last < news.latest) group.again = true;
  }
}
