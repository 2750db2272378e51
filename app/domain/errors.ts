/** Field name → message, shown beside the form field it belongs to. */
export type FieldErrors = Record<string, string>;

/** Input broke a domain rule; every broken field is reported at once. */
export class ValidationError extends Error {
  constructor(readonly fields: FieldErrors) {
    super(`Invalid input: ${Object.keys(fields).join(", ")}`);
    this.name = "ValidationError";
  }
}

/** The thing asked for does not exist. */
export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = "NotFoundError";
  }
}

/** Something that exists, but is not the asker's to change (someone else's post): a 403. */
export class ForbiddenError extends Error {
  constructor(what: string) {
    super(`${what} is not yours`);
    this.name = "ForbiddenError";
  }
}

/** A request the caller could not have formed from our own pages (a tampered link, say). */
export class BadRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BadRequestError";
  }
}

/** A unique rule was broken when writing (e.g. two registrations raced for one name). */
export class ConflictError extends Error {
  constructor(readonly field: string) {
    super(`${field} already taken`);
    this.name = "ConflictError";
  }
}

/**
 * Input that is fine but may not be acted on: not by this account yet (403, such as posting before
 * the address is confirmed), not any more (410, a reply to a post deleted meanwhile), or not so soon
 * again (429, with the seconds to wait). Shown beside the field like any other error, so nothing
 * typed is lost.
 */
export class RefusedError extends ValidationError {
  constructor(
    fields: FieldErrors,
    readonly status: 403 | 410 | 429,
    readonly retryAfterSeconds?: number,
  ) {
    super(fields);
    this.name = "RefusedError";
  }
}

/** Work that waits its turn found the queue full (too many password checks at once): nothing was done; try again shortly. */
export class BusyError extends Error {
  constructor(what: string) {
    super(`too busy: ${what}`);
    this.name = "BusyError";
  }
}
