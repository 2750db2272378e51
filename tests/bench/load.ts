import autocannon from "autocannon";
import type { ServerProcess } from "../helpers/server-process.js";

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
  /** Responses with another status than the target's (200 for a page, 303 for a form post). */
  badStatus: number;
  statusCodes: Record<string, number>;
  peakRssMb: number;
}

export interface Request {
  path: string;
  method?: "GET" | "POST";
  cookie?: string;
  form?: string;
  /** What the client asks for: the notifications poll asks for JSON, as the page's script does. */
  accept?: string;
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
  if (request.accept) headers.accept = request.accept;
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
  // A page that answered with a redirect (to the login, say) would be cheap and wrong: count it.
  const expected = request.method === "POST" ? 303 : 200;
  const badStatus = Object.entries(statusCodes)
    .filter(([code]) => Number(code) !== expected)
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
