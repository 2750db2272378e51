import { createHash } from "node:crypto";
import pg from "pg";
import type { FastifyBaseLogger } from "fastify";
import type { DatabaseConfig } from "../config.js";
import type { Database } from "./client.js";
import { Listeners, type NewsBus } from "./news.js";
import { connectionSettings } from "./postgres-settings.js";

const FIRST_RETRY_MS = 500;
const LONGEST_RETRY_MS = 30_000;
/** A listening connection that has died without a word (a failover) is found out this often. */
const PING_MS = 30_000;
const PING_TIMEOUT_MS = 5_000;

/**
 * One channel per schema, so that Jot databases sharing a PostgreSQL database hear only their own
 * news. A channel name is at most 63 bytes: a long schema name is replaced by a digest of it.
 */
function channelOf(schema: string | undefined): string {
  const channel = schema ? `jot_news:${schema}` : "jot_news";
  return Buffer.byteLength(channel) <= 63 ? channel : `jot_news:${createHash("sha256").update(schema!).digest("hex").slice(0, 32)}`;
}

/**
 * PostgreSQL: news travels through LISTEN/NOTIFY, so it reaches every Jot process on the database
 * with no server besides PostgreSQL. News is announced through the pool, like any statement; each
 * process listens on one connection of its own, outside the pool (on DATABASE_LISTEN_URL when a
 * pooler in transaction mode stands in the way, as LISTEN needs a session). While that connection
 * is down (found out by a ping), it is tried again with growing pauses, and once it is made
 * everyone here is told to look, as news may have been missed meanwhile.
 */
export class PostgresNews implements NewsBus {
  private readonly listeners = new Listeners();
  private readonly channel: string;
  private client: pg.Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  private readonly ping: NodeJS.Timeout;
  private readonly listenUrl: string;

  private constructor(
    config: DatabaseConfig,
    private readonly db: Database,
    private readonly log: Pick<FastifyBaseLogger, "warn">,
  ) {
    this.channel = channelOf(connectionSettings(config.url).schema);
    this.listenUrl = config.listenUrl ?? config.url;
    this.ping = setInterval(() => void this.checkConnection(), PING_MS).unref();
  }

  /**
   * Starts listening. A database out of reach does not stop the start (pages that need no data
   * still serve, as with the pool): the connection is tried again until it is made.
   */
  static open(config: DatabaseConfig, db: Database, log: Pick<FastifyBaseLogger, "warn">): PostgresNews {
    const news = new PostgresNews(config, db, log);
    // Streams opened before the connection is made look again once it is.
    news.connect().then(
      () => news.listeners.tell(null),
      (error: unknown) => news.retryAfter(FIRST_RETRY_MS, error),
    );
    return news;
  }

  private async connect(): Promise<void> {
    const { connectionString, options } = connectionSettings(this.listenUrl);
    const client = new pg.Client({ connectionString, options, keepAlive: true });
    client.on("notification", (message) => {
      const userId = Number(message.payload);
      if (message.channel === this.channel && Number.isSafeInteger(userId)) this.listeners.tell(userId);
    });
    client.on("error", (error) => this.lost(client, error));
    client.on("end", () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(this.channel)}`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    if (this.closed) return void (await client.end().catch(() => {}));
    this.client = client;
  }

  private async checkConnection(): Promise<void> {
    const client = this.client;
    if (!client) return;
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no answer to a ping")), PING_TIMEOUT_MS).unref());
    await Promise.race([client.query("SELECT 1"), timeout]).catch((error: Error) => this.lost(client, error));
  }

  private lost(client: pg.Client, error?: Error): void {
    if (this.closed || this.client !== client) return;
    this.client = undefined;
    void client.end().catch(() => {});
    this.retryAfter(FIRST_RETRY_MS, error);
  }

  /** Connects again after `pause`, then tells everyone to look; pauses grow while it fails. */
  private retryAfter(pause: number, error: unknown): void {
    if (this.closed) return;
    this.log.warn({ err: error }, `notifications: no LISTEN connection; trying again in ${pause} ms`);
    this.retry = setTimeout(() => {
      this.connect().then(
        () => this.listeners.tell(null),
        (again: unknown) => this.retryAfter(Math.min(pause * 2, LONGEST_RETRY_MS), again),
      );
    }, pause);
  }

  /** Through the pool: the listening connection being down loses no news for other processes. */
  async announce(userId: number): Promise<void> {
    try {
      await this.db.$executeRaw`SELECT pg_notify(${this.channel}, ${String(userId)})`;
    } catch (error) {
      // The notification is in the log: streams elsewhere read it with the user's next news or reconnect.
      this.log.warn({ err: error }, "notifications: could not announce news to other processes");
      this.listeners.tell(userId);
    }
  }

  listen(listener: (userId: number | null) => void): () => void {
    return this.listeners.add(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    clearInterval(this.ping);
    await this.client?.end().catch(() => {});
  }
}
