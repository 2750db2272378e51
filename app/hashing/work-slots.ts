import { BusyError } from "../domain/errors.js";

/**
 * At most `concurrency` tasks run at once; up to `queue` more wait their turn, first come first
 * served; past that a task is refused at once with BusyError, rather than waiting behind an
 * ever longer line.
 */
export class WorkSlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly what: string,
    private readonly concurrency: number,
    private readonly queue: number,
  ) {}

  /** Throws BusyError when a task given now would be refused. */
  refuseWhenFull(): void {
    if (this.running >= this.concurrency && this.waiting.length >= this.queue) throw new BusyError(this.what);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.concurrency) this.running++;
    else if (this.waiting.length < this.queue) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else throw new BusyError(this.what);
    try {
      return await task();
    } finally {
      // The slot passes straight to the next in line, if any.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
