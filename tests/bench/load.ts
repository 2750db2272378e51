import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import autocannon from "autocannon";

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
}

export interface TargetResult {
  target: string;
  server: "jot" | "raw";
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  /** Responses outside 2xx/3xx. */
  badStatus: number;
  statusCodes: Record<string, number>;
  peakRssMb: number;
}

export interface Request {
  path: string;
  method?: "GET" | "POST";
  cookie?: string;
  form?: string;
}

/** A server process we started; peak RSS read from the kernel (VmHWM), not sampled. */
export class ServerProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {}

  static async start(command: string, args: string[], env: NodeJS.ProcessEnv, port: number): Promise<ServerProcess> {
    const child = spawn(command, args, { env, stdio: ["ignore", "ignore", "inherit"] });
    const server = new ServerProcess(child, `http://127.0.0.1:${port}`);
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${args.join(" ")} exited with ${child.exitCode}`);
      try {
        await fetch(`${server.baseUrl}/`, { redirect: "manual" });
        return server;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    child.kill("SIGKILL");
    throw new Error(`${args.join(" ")} did not start listening within 30 s`);
  }

  peakRssMb(): number {
    const status = readFileSync(`/proc/${this.child.pid}/status`, "utf8");
    const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
    return Math.round((kb / 1024) * 10) / 10;
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/** Drives `request` at the server for a fixed time with autocannon. */
export async function drive(
  server: ServerProcess,
  request: Request,
  options: LoadOptions,
): Promise<Omit<TargetResult, "target" | "server" | "peakRssMb">> {
  const headers: Record<string, string> = {};
  if (request.cookie) headers.cookie = request.cookie;
  if (request.form) headers["content-type"] = "application/x-www-form-urlencoded";
  const result = await autocannon({
    url: `${server.baseUrl}${request.path}`,
    method: request.method ?? "GET",
    headers,
    body: request.form,
    connections: options.connections,
    duration: options.durationSeconds,
  });
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count ?? 0]),
  );
  const badStatus = Object.entries(statusCodes)
    .filter(([code]) => Number(code) < 200 || Number(code) >= 400)
    .reduce((sum, [, count]) => sum + count, 0);
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    badStatus,
    statusCodes,
  };
}
