import type { OutgoingHttpHeaders } from "node:http";
import type { FastifyReply } from "fastify";

/** How long a browser waits before reconnecting after a stream ends. */
const RECONNECT_MS = 3000;
/** Past this much unsent output the client is not reading: the stream is cut rather than buffered. */
const MOST_UNSENT_BYTES = 256 * 1024;

/** What an event stream is answered with, on GET and HEAD alike. */
export const EVENT_STREAM_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  // no-transform: a proxy must not compress or rewrite it, which would hold events back.
  "cache-control": "no-store, no-transform",
  // Tells nginx and friends not to hold events back in a buffer.
  "x-accel-buffering": "no",
};

export interface EventStreamTiming {
  heartbeatMs: number;
  maxAgeMs: number;
}

/**
 * A Server-Sent Events response (text/event-stream) on a reply Fastify has let go of: events with
 * an `id:` the browser sends back as Last-Event-ID when it reconnects, a comment line as a
 * heartbeat, and an end after `maxAgeMs` so that a long-lived tab reconnects and is checked again.
 * `onClosed` is called once, however the stream ends.
 */
export class EventStream {
  private readonly timers: NodeJS.Timeout[] = [];
  private closed = false;

  constructor(
    private readonly reply: FastifyReply,
    private readonly onClosed: () => void,
  ) {}

  /** Writes the headers (with those already set on the reply, such as the security headers) and starts the timers. */
  open({ heartbeatMs, maxAgeMs }: EventStreamTiming): void {
    const raw = this.reply.raw;
    this.reply.hijack();
    // A client gone before the stream opened (while its login was being checked) would never
    // close it: let go of it now, before anything is started.
    if (this.reply.request.raw.socket?.destroyed ?? true) return this.end();
    raw.on("close", () => this.close());
    raw.writeHead(200, { ...(this.reply.getHeaders() as OutgoingHttpHeaders), ...EVENT_STREAM_HEADERS });
    raw.write(`retry: ${RECONNECT_MS}\n\n`);
    this.timers.push(setInterval(() => this.write(": heartbeat\n\n"), heartbeatMs));
    this.timers.push(setTimeout(() => this.end(), maxAgeMs));
  }

  /** One event; `data` is JSON, which never contains a line break of its own; `id` no line break either. */
  event(data: unknown, id?: string): void {
    this.write(`${id === undefined ? "" : `id: ${id}\n`}data: ${JSON.stringify(data)}\n\n`);
  }

  end(): void {
    if (!this.closed) this.reply.raw.end();
    this.close();
  }

  private write(text: string): void {
    if (this.closed) return;
    const raw = this.reply.raw;
    if (raw.writableLength > MOST_UNSENT_BYTES) return void raw.destroy();
    raw.write(text);
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.onClosed();
  }
}
