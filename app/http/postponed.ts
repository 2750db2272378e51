import { randomInt } from "node:crypto";

/**
 * Work put off until a moment of chance within a range after a request has been answered, so that
 * neither the answer's time nor the time of the asker's next request tells whether there was any.
 * When the server closes, the work still waiting runs at once, as does any added from then on,
 * and `flush` waits for all of it: nothing asked for is lost to a restart. The work must not throw.
 */
export class Postponed {
  private readonly waiting = new Map<NodeJS.Timeout, () => Promise<void>>();
  private readonly running = new Set<Promise<void>>();
  private closing = false;

  constructor(private readonly afterMs: { least: number; most: number }) {}

  add(work: () => Promise<void>): void {
    if (this.closing) return this.start(work);
    const timer = setTimeout(() => {
      this.waiting.delete(timer);
      this.start(work);
    }, randomInt(this.afterMs.least, this.afterMs.most));
    this.waiting.set(timer, work);
  }

  /** The server is closing: what waits runs now, and what is added from now on runs at once. */
  close(): Promise<void> {
    this.closing = true;
    for (const [timer, work] of this.waiting) {
      clearTimeout(timer);
      this.start(work);
    }
    this.waiting.clear();
    return this.flush();
  }

  /** Waits for every piece of work under way. */
  async flush(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }

  private start(work: () => Promise<void>): void {
    const done: Promise<void> = work().finally(() => this.running.delete(done));
    this.running.add(done);
  }
}
