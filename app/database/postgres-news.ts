import pg from "pg";
import type { FastifyBaseLogger } from "fastify";
import { Listeners, type NewsBus } from "./news.js";
import { connectionSettings } from "./postgres.js";

const FIRST_RETRY_MS = 500;
const LONGEST_RETRY_MS = 30_000;

/** One channel per schema, so that Jot databases sharing a PostgreSQL database hear only their own news. */
function channelOf(schema: string | undefined): string {
  return schema ? `jot_news:${schema}` : "jot_news";
}

/**
 * PostgreSQL: news travels through LISTEN/NOTIFY, so it reaches every Jot process on the database
 * with no server besides PostgreSQL. Each process holds one connection of its own for it, outside
 * the pool. While there is none (the database out of reach), news announced here still reaches
 * this process's own listeners; the connection is tried again with growing pauses, and once it is
 * made everyone is told to look, as news from other processes may have been missed meanwhile.
 */
export class PostgresNews implements NewsBus {
  private readonly listeners = new Listeners();
  private readonly channel: string;
  private client: pg.Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;

  private constructor(
    private readonly databaseUrl: string,
    private readonly log: Pick<FastifyBaseLogger, "warn">,
  ) {
    this.channel = channelOf(connectionSettings(databaseUrl).schema);
  }

  /**
   * Starts listening. A database out of reach does not stop the start (pages that need no data
   * still serve, as with the pool): the connection is tried again until it is made.
   */
  static open(databaseUrl: string, log: Pick<FastifyBaseLogger, "warn">): PostgresNews {
    const news = new PostgresNews(databaseUrl, log);
    // Streams opened before the connection is made look again once it is.
    news.connect().then(
      () => news.listeners.tell(null),
      (error: unknown) => news.retryAfter(FIRST_RETRY_MS, error),
    );
    return news;
  }

  private async connect(): Promise<void> {
    const { connectionString, options } = connectionSettings(this.databaseUrl);
    const client = new pg.Client({ connectionString, options });
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

  async announce(userId: number): Promise<void> {
    const client = this.client;
    if (client) {
      try {
        await client.query("SELECT pg_notify($1, $2)", [this.channel, String(userId)]);
        return;
      } catch (error) {
        this.log.warn({ err: error }, "notifications: could not announce news to other processes");
      }
    }
    // Other processes learn of it when their streams next look; this one's learn of it now.
    this.listeners.tell(userId);
  }

  listen(listener: (userId: number | null) => void): () => void {
    return this.listeners.add(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await this.client?.end().catch(() => {});
  }
}
