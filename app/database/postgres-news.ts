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
 * the pool. When that connection drops, news announced here still reaches this process's own
 * listeners; the connection is made again with growing pauses, and then everyone is told to look,
 * as news from other processes may have been missed meanwhile.
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

  /** Listens from the start, so that a database out of reach stops the start like the pool does. */
  static async open(databaseUrl: string, log: Pick<FastifyBaseLogger, "warn">): Promise<PostgresNews> {
    const news = new PostgresNews(databaseUrl, log);
    await news.connect();
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
    this.client = client;
  }

  private lost(client: pg.Client, error?: Error): void {
    if (this.closed || this.client !== client) return;
    this.client = undefined;
    this.log.warn({ err: error }, "notifications: lost the LISTEN connection; connecting again");
    void client.end().catch(() => {});
    this.reconnect(FIRST_RETRY_MS);
  }

  private reconnect(pause: number): void {
    this.retry = setTimeout(() => {
      this.connect().then(
        () => this.listeners.tell(null),
        () => this.reconnect(Math.min(pause * 2, LONGEST_RETRY_MS)),
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
