import { randomInt } from "node:crypto";

/**
 * Work put off until a moment of chance within a range after a request has been answered, so that
 * neither the answer's time nor the time of the asker's next request tells whether there was any.
 * When the server closes, the work still waiting runs at once and is waited for: nothing asked
 * for is lost to a restart. The work must not throw.
 */
export class Postponed {
  private readonly waiting = new Map<NodeJS.Timeout, () => Promise<void>>();
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly afterMs: { least: number; most: number }) {}

  add(work: () => Promise<void>): void {
    const timer = setTimeout(() => this.start(timer), randomInt(this.afterMs.least, this.afterMs.most));
    this.waiting.set(timer, work);
  }

  /** Runs everything still waiting, now, and waits for all of it. */
  async flush(): Promise<void> {
    for (const timer of [...this.waiting.keys()]) {
      clearTimeout(timer);
      this.start(timer);
    }
    await Promise.all(this.running);
  }

  private start(timer: NodeJS.Timeout): void {
    const work = this.waiting.get(timer)!;
    this.waiting.delete(timer);
    const done: Promise<void> = work().finally(() => this.running.delete(done));
    this.running.add(done);
  }
}
