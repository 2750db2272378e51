import { LogController, type FastifyReply, type FastifyRequest } from "fastify";

// The secret of an emailed link is in its path: a log line must not be a way into an account.
const LINK_SECRET = /^(\/(?:reset_password|verify_email)\/)(?!resend(?:[?#]|$))[^/?#]+/;

/** A request as its log line shows it: Fastify's usual fields, with any link's secret left out. */
export function requestForTheLog(request: FastifyRequest) {
  return {
    method: request.method,
    url: request.url.replace(LINK_SECRET, "$1…"),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/**
 * One log line per request at `info`, written when it completes and naming the request as well as
 * the response. Fastify's default writes two (incoming, completed), which under load was a visible
 * share of a page's CPU time in production, where the level is `info`. The incoming line stays at
 * `debug`, for finding a request that never completes.
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    if (!this.isLogDisabled(request)) request.log.debug({ req: request }, "incoming request");
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const entry = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...entry, err: error }, "request errored");
    else reply.log.info(entry, "request completed");
  }
}
