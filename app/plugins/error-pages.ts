import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import fp from "fastify-plugin";
import { BadRequestError, NotFoundError } from "../domain/errors.js";

const CSRF_ERRORS = new Set(["FST_CSRF_INVALID_TOKEN", "FST_CSRF_MISSING_SECRET"]);

const MESSAGES: Record<number, string> = {
  400: "That request could not be understood.",
  403: "This form has expired or did not come from Jot. Go back, reload the page and try again.",
  404: "There is nothing here. The link may be broken, or the page may have moved.",
  413: "That was more than Jot accepts in one go.",
  415: "Jot could not read that form.",
  500: "Something went wrong on our side. It has been logged; please try again in a moment.",
};

function statusOf(error: FastifyError): number {
  if (error instanceof NotFoundError) return 404;
  if (error instanceof BadRequestError) return 400;
  if (error.code && CSRF_ERRORS.has(error.code)) return 403;
  const status = error.statusCode ?? 500;
  return status >= 400 && status < 500 ? status : 500;
}

function showError(reply: FastifyReply, status: number, message: string): Promise<FastifyReply> {
  return reply.page("error", { status, message, requestId: reply.request.id, title: `Error ${status}` }, status);
}

/** Errors become pages in the site's look; a 500 is logged with its request id and shows no trace. */
async function errorPagesPlugin(app: FastifyInstance): Promise<void> {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = statusOf(error);
    if (status === 500) request.log.error({ err: error }, "unhandled error");
    else request.log.info({ status, code: error.code }, error.message);
    const message = error instanceof BadRequestError ? error.message : (MESSAGES[status] ?? MESSAGES[400]!);
    return showError(reply, status, message);
  });
  app.setNotFoundHandler((request, reply) => showError(reply, 404, MESSAGES[404]!));
}

export default fp(errorPagesPlugin, { name: "jot-error-pages", dependencies: ["jot-views"] });
