import { LogController, type FastifyReply, type FastifyRequest } from "fastify";

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
