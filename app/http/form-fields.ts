/**
 * A text field of a parsed form. Anything but one string (missing, repeated, or a JSON object
 * posted by hand) reads as empty, so validation reports it like any blank field.
 */
export function textField(body: unknown, name: string): string {
  if (typeof body !== "object" || body === null) return "";
  const value = (body as Record<string, unknown>)[name];
  return typeof value === "string" ? value : "";
}

/** A checkbox is ticked when the field is present with any value. */
export function checkboxField(body: unknown, name: string): boolean {
  return textField(body, name) !== "";
}
