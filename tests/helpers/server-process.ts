import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * A server process we started (in a process group of its own, so `npm start` and everything it
 * runs stop together), with its output kept for assertions and failure messages.
 */
export class ServerProcess {
  private text = "";
  private readonly exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {
    child.stdout?.on("data", (chunk: Buffer) => (this.text += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (this.text += chunk.toString()));
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  }

  /**
   * Starts `command` and waits until `readyPath` answers on 127.0.0.1:`port`. With `logFile`, its
   * stdout (a log under load) is appended there instead of kept in memory.
   */
  static async start(
    command: string,
    args: string[],
    env: NodeJS.ProcessEnv,
    port: number,
    { readyPath = "/", logFile }: { readyPath?: string; logFile?: string } = {},
  ): Promise<ServerProcess> {
    const log = logFile ? openSync(logFile, "a") : undefined;
    const child = spawn(command, args, { env, detached: true, stdio: ["ignore", log ?? "pipe", "pipe"] });
    if (log !== undefined) closeSync(log);
    const server = new ServerProcess(child, `http://127.0.0.1:${port}`);
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${command} ${args.join(" ")} exited with ${child.exitCode}:\n${server.output}`);
      try {
        await fetch(`${server.baseUrl}${readyPath}`, { redirect: "manual" });
        return server;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    await server.stop();
    throw new Error(`${command} ${args.join(" ")} did not answer within ${START_TIMEOUT_MS / 1000} s:\n${server.output}`);
  }

  /** Everything the process wrote to stderr, and to stdout unless that went to a log file, so far. */
  get output(): string {
    return this.text;
  }

  /** Peak resident memory of the process we spawned, from the kernel (VmHWM), not sampled. */
  peakRssMb(): number {
    const status = readFileSync(`/proc/${this.child.pid}/status`, "utf8");
    const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
    return Math.round((kb / 1024) * 10) / 10;
  }

  /** Resident memory of the process now (VmRSS). */
  rssMb(): number {
    const status = readFileSync(`/proc/${this.child.pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
    return Math.round((kb / 1024) * 10) / 10;
  }

  /** CPU time the process has used so far, user and system (seconds). */
  cpuSeconds(): number {
    // Fields 14 and 15 of /proc/<pid>/stat, after the command name in parentheses; clock ticks of 1/100 s.
    const fields = readFileSync(`/proc/${this.child.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  }

  /** SIGKILL to the whole group at once, as a crash or the OOM killer would; resolves once it has exited. */
  async kill(): Promise<void> {
    try {
      process.kill(-this.child.pid!, "SIGKILL");
    } catch {
      // Already gone.
    }
    await this.exited;
  }

  /** SIGTERM to the whole group, SIGKILL if it has not exited in time; resolves to the exit code. */
  async stop(): Promise<number | null> {
    const signal = (name: NodeJS.Signals) => {
      try {
        process.kill(-this.child.pid!, name);
      } catch {
        // Already gone.
      }
    };
    if (this.child.exitCode === null && this.child.signalCode === null) signal("SIGTERM");
    const timer = setTimeout(() => signal("SIGKILL"), STOP_TIMEOUT_MS);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}
