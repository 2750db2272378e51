import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { Eta } from "eta";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { isDatabaseUnavailable } from "../database/unavailable.js";
import { BadRequestError, BusyError, ForbiddenError, NotFoundError } from "../domain/errors.js";
import { securityHeaders } from "./security-headers.js";
import { ANONYMOUS } from "./views.js";

const CSRF_ERRORS = new Set(["FST_CSRF_INVALID_TOKEN", "FST_CSRF_MISSING_SECRET"]);

const CSRF_MESSAGE = "This form has expired or did not come from Jot. Go back, reload the page and try again.";
const MESSAGES: Record<number, string> = {
  400: "That request could not be understood.",
  403: "That is not something you can open here.",
  404: "There is nothing here. The link may be broken, or the page may have moved.",
  408: "That request took too long to arrive.",
  413: "That was more than Jot accepts in one go.",
  414: "That address is too long.",
  415: "Jot could not read that form.",
  431: "That request carried more headers than Jot accepts.",
  500: "Something went wrong on our side. It has been logged; please try again in a moment.",
  503: "Jot is busy for a moment. If you were sending something, it was not saved: go back and send it again in a few seconds.",
};
/** Seconds a visitor (or a proxy) should wait before trying a 503 again. */
export const RETRY_AFTER_SECONDS = 2;

function statusOf(error: FastifyError): number {
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ForbiddenError) return 403;
  if (isDatabaseUnavailable(error) || error instanceof BusyError) return 503;
  if (error instanceof BadRequestError) return 400;
  if (isCsrfFailure(error)) return 403;
  const status = error.statusCode ?? 500;
  return status >= 400 && status < 500 ? status : 500;
}

const isCsrfFailure = (error: FastifyError) => error.code !== undefined && CSRF_ERRORS.has(error.code);

function messageOf(error: FastifyError, status: number): string {
  if (error instanceof BadRequestError) return error.message;
  if (isCsrfFailure(error)) return CSRF_MESSAGE;
  return MESSAGES[status] ?? MESSAGES[400]!;
}

const errorData = (status: number, message: string, requestId: string) => ({ status, message, requestId, title: `Error ${status}` });

/** The error page with `message`, answered with `status`. */
export function showError(reply: FastifyReply, status: number, message: string): Promise<FastifyReply> {
  return reply.page("error", errorData(status, message, reply.request.id), status);
}

/**
 * For Fastify's `frameworkErrors` (a malformed URL, an over-long path parameter): these come
 * before any plugin or hook has run, so the page is rendered straight from the template engine
 * and given the security headers here.
 */
export function frameworkErrorPage(eta: Eta, production: boolean) {
  const headers = securityHeaders(production);
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
    request.log.info({ status, code: error.code }, error.message);
    const html = eta.render("error", { ...ANONYMOUS, ...errorData(status, messageOf(error, status), request.id) });
    return reply.code(status).headers(headers).type("text/html; charset=utf-8").header("cache-control", "no-store").send(html);
  };
}

/**
 * For Fastify's `clientErrorHandler`: what Node's HTTP parser refuses (headers too large, a
 * request too slow to arrive, bytes that are not HTTP) never becomes a request, so the answer is
 * written on the socket here, as the error page with the security headers, and the connection closed.
 */
export function clientErrorAnswer(eta: Eta, production: boolean) {
  const headers = Object.entries(securityHeaders(production)).map(([name, value]) => `${name}: ${value}\r\n`).join("");
  // Made once: a stream of malformed requests costs no rendering.
  const answers = new Map(
    [400, 408, 431].map((status) => {
      const html = eta.render("error", { ...ANONYMOUS, ...errorData(status, MESSAGES[status]!, "-") });
      const head = `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${headers}content-type: text/html; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(html)}\r\n`;
      return [status, `${head}cache-control: no-store\r\nconnection: close\r\n\r\n${html}`];
    }),
  );
  return function (this: FastifyInstance, error: Error & { code?: string }, socket: Socket & { _httpMessage?: { headersSent?: boolean } }) {
    // A reset connection has nobody left to answer.
    if (error.code === "ECONNRESET" || socket.destroyed) return;
    const status = error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : error.code === "HPE_HEADER_OVERFLOW" ? 431 : 400;
    this.log.debug({ status, code: error.code }, "client error");
    // A response already under way on this connection (a stream, a pipelined answer) must not have
    // another written into its body: the connection is only closed, as Node itself does.
    if (socket.writable && !socket._httpMessage?.headersSent) socket.write(answers.get(status)!);
    socket.destroy(error);
  };
}

/** Errors become pages in the site's look; a 500 is logged with its request id and shows no trace. */
async function errorPagesPlugin(app: FastifyInstance): Promise<void> {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = statusOf(error);
    if (status === 500) request.log.error({ err: error }, "unhandled error");
    else if (status === 503) request.log.warn({ err: error }, error instanceof BusyError ? "too busy" : "database unavailable");
    else request.log.info({ status, code: error.code }, error.message);
    if (status === 503) reply.header("retry-after", String(RETRY_AFTER_SECONDS));
    return showError(reply, status, messageOf(error, status));
  });
  app.setNotFoundHandler((request, reply) => showError(reply, 404, MESSAGES[404]!));
}

export default fp(errorPagesPlugin, { name: "jot-error-pages", dependencies: ["jot-views"] });
