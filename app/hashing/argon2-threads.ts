import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Options } from "@node-rs/argon2";
import type { HashingLimits } from "../config.js";
import { WorkSlots } from "./work-slots.js";

/**
 * What each hashing thread runs. It lowers its own CPU priority first (Linux lets a thread renice
 * itself alone), so that a flood of password checks takes only the CPU that pages and files leave
 * over; then it hashes and verifies synchronously, one job at a time. Plain CommonJS, as it is run
 * from a string: the same in development (tsx), tests (vitest) and the built server.
 */
const THREAD = `
const { parentPort, workerData } = require("node:worker_threads");
if (process.platform === "linux") {
  try {
    const tid = Number(require("node:fs").readlinkSync("/proc/thread-self").split("/").pop());
    require("node:os").setPriority(tid, workerData.nice);
  } catch {}
}
const argon2 = require(workerData.argon2);
parentPort.on("message", ({ op, args }) => {
  try {
    parentPort.postMessage({ result: op === "hash" ? argon2.hashSync(...args) : argon2.verifySync(...args) });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
});
`;

/** How much lower than the server's a hashing thread's CPU priority is (nice 10: about a tenth of a core's share when the CPU is contended). */
const NICE = 10;
const ARGON2_MODULE = createRequire(import.meta.url).resolve("@node-rs/argon2");
/** A thread idle this long ends: most of the time no one is signing in, and a thread costs memory. */
const IDLE_MS = 30_000;

type Job = { op: "hash"; args: [string, Options] } | { op: "verify"; args: [string, string] };

/**
 * argon2 on threads of Jot's own, away from libuv's thread pool (which static files, compression
 * and DNS need) and below the server's CPU priority: at most `concurrency` hashes at once, `queue`
 * more waiting their turn, and past that BusyError at once. Threads start when needed and end
 * after a while idle; each holds the process open while it runs a job, and lets it exit while idle.
 */
export class Argon2Threads {
  private readonly slots: WorkSlots;
  private readonly idle: { worker: Worker; retire: NodeJS.Timeout }[] = [];
  private readonly all = new Set<Worker>();
  /** How to fail the job each busy thread runs. */
  private readonly busy = new Map<Worker, (error: Error) => void>();
  private closed = false;

  constructor(limits: HashingLimits) {
    this.slots = new WorkSlots("password hashing", limits.concurrency, limits.queue);
  }

  hash(password: string, options: Options): Promise<string> {
    return this.slots.run(() => this.run({ op: "hash", args: [password, options] })) as Promise<string>;
  }

  /** Whether `password` matches `hash`; throws for a hash argon2 cannot read. */
  verify(hash: string, password: string): Promise<boolean> {
    return this.slots.run(() => this.run({ op: "verify", args: [hash, password] })) as Promise<boolean>;
  }

  /** Throws BusyError when a hash asked for now would be refused. */
  refuseWhenFull(): void {
    this.slots.refuseWhenFull();
  }

  /** Ends every thread (the server is closing); a job under way, or asked for later, fails. */
  async close(): Promise<void> {
    this.closed = true;
    for (const fail of this.busy.values()) fail(new Error("password hashing has been closed"));
    for (const { retire } of this.idle.splice(0)) clearTimeout(retire);
    await Promise.all([...this.all].map((worker) => worker.terminate()));
  }

  /** Runs one job on an idle thread, or a new one: the slots never admit more jobs than threads may run. */
  private run(job: Job): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error("password hashing has been closed"));
    const waiting = this.idle.pop();
    if (waiting) clearTimeout(waiting.retire);
    const worker = waiting?.worker ?? this.start();
    worker.ref();
    return new Promise((resolve, reject) => {
      const settle = (outcome: () => void) => {
        worker.off("message", answered).off("error", broke).off("exit", broke);
        this.busy.delete(worker);
        outcome();
      };
      const answered = (answer: { result?: unknown; error?: string }) =>
        settle(() => {
          worker.unref();
          this.idle.push({ worker, retire: setTimeout(() => this.retire(worker), IDLE_MS).unref() });
          if (answer.error !== undefined) reject(new Error(answer.error));
          else resolve(answer.result);
        });
      // A thread that broke or ended under a job is let go, and the job fails; the next starts another.
      const broke = (cause?: unknown) =>
        settle(() => {
          this.all.delete(worker);
          void worker.terminate();
          reject(cause instanceof Error ? cause : new Error("a password hashing thread ended under a job"));
        });
      worker.once("message", answered).once("error", broke).once("exit", broke);
      this.busy.set(worker, broke);
      worker.postMessage(job);
    });
  }

  private retire(worker: Worker): void {
    const index = this.idle.findIndex((idle) => idle.worker === worker);
    if (index >= 0) this.idle.splice(index, 1);
    this.all.delete(worker);
    void worker.terminate();
  }

  private start(): Worker {
    const worker = new Worker(THREAD, { eval: true, workerData: { argon2: ARGON2_MODULE, nice: NICE } });
    worker.unref();
    this.all.add(worker);
    worker.once("exit", () => this.all.delete(worker));
    return worker;
  }
}
