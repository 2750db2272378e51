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
