import { request, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import { request as secureRequest } from "node:https";

export interface StreamEvent {
  id?: string;
  data: unknown;
}

const WAIT_MS = 5000;

/**
 * A Server-Sent Events client over a real HTTP connection, reading the stream as a browser's
 * EventSource does (events, ids, comment lines), without reconnecting by itself.
 */
export class EventStreamClient {
  readonly events: StreamEvent[] = [];
  /** Comment lines (heartbeats) received. */
  comments = 0;
  /** The body, when the answer was not a stream. */
  body = "";
  ended = false;
  /** Called with each event as it arrives (the bench times them). */
  onEvent: ((event: StreamEvent) => void) | undefined;
  private buffer = "";
  private waiters: (() => void)[] = [];

  private constructor(
    private readonly response: IncomingMessage,
    readonly status: number,
    readonly headers: IncomingHttpHeaders,
  ) {
    response.setEncoding("utf8");
    response.on("data", (chunk: string) => {
      this.body += chunk;
      this.buffer += chunk;
      this.parse();
    });
    response.on("close", () => {
      this.ended = true;
      this.wake();
    });
  }

  /** Opens `url` with the given headers (cookie, Last-Event-ID) and waits for the status line; over HTTPS, trusting `ca`. */
  static open(url: string, headers: Record<string, string> = {}, ca?: Buffer): Promise<EventStreamClient> {
    return new Promise((resolve, reject) => {
      const options = { headers: { accept: "text/event-stream", ...headers }, ...(ca ? { ca } : {}) };
      const opened = (response: IncomingMessage) => resolve(new EventStreamClient(response, response.statusCode ?? 0, response.headers));
      const req = url.startsWith("https:") ? secureRequest(url, options, opened) : request(url, options, opened);
      req.on("error", reject);
      req.end();
    });
  }

  private parse(): void {
    let end: number;
    while ((end = this.buffer.indexOf("\n\n")) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const event: { id?: string; data?: string } = {};
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) this.comments++;
        else if (line.startsWith("id: ")) event.id = line.slice(4);
        else if (line.startsWith("data: ")) event.data = (event.data === undefined ? "" : `${event.data}\n`) + line.slice(6);
      }
      if (event.data === undefined) continue;
      const parsed = { id: event.id, data: JSON.parse(event.data) as unknown };
      this.events.push(parsed);
      this.onEvent?.(parsed);
    }
    this.wake();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Waits until `count` events have arrived (or the stream ended), at most `ms`; returns them all. */
  async until(count: number, ms = WAIT_MS): Promise<StreamEvent[]> {
    return this.waitFor(() => this.events.length >= count, ms, `${count} events`).then(() => this.events);
  }

  /** Waits until `ready()` holds, at most `ms`. */
  async waitFor(ready: () => boolean, ms = WAIT_MS, what = "the condition"): Promise<void> {
    const deadline = Date.now() + ms;
    while (!ready()) {
      if (this.ended && !ready()) throw new Error(`stream ended before ${what}; got ${JSON.stringify(this.events)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${what} within ${ms} ms; got ${JSON.stringify(this.events)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The id of the newest event that had one: what a browser sends back as Last-Event-ID. */
  get lastEventId(): string | undefined {
    return this.events.findLast((e) => e.id !== undefined)?.id;
  }

  /** Closes the connection, as a closed tab does; resolves once it is closed. */
  async close(): Promise<void> {
    if (this.ended) return;
    const closed = new Promise<void>((resolve) => this.response.once("close", () => resolve()));
    this.response.destroy();
    await closed;
  }
}
