import type { FastifyReply } from "fastify";
import { RefusedError, type ValidationError } from "../domain/errors.js";

/**
 * The status a form answers with when its input is refused: 422 for a broken rule, or the
 * RefusedError's own 403 or 429 (with Retry-After).
 */
export function refusalStatus(reply: FastifyReply, error: ValidationError): number {
  if (!(error instanceof RefusedError)) return 422;
  if (error.retryAfterSeconds !== undefined) reply.header("retry-after", String(error.retryAfterSeconds));
  return error.status;
}

/** What a form says when the email it was for could not be sent (the mailer has logged why). */
export const MAIL_NOT_SENT = "We could not send the email just now. Please try again in a moment.";
