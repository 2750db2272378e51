import { ValidationError } from "./errors.js";

/** Length as a reader counts it: code points, so an emoji is one character, not two. */
export function characterCount(text: string): number {
  return [...text].length;
}

// What shows nothing: Unicode's white space and default-ignorable characters (zero-width spaces
// and joiners, the Hangul fillers U+3164 and U+115F, variation selectors, …), and the blank
// Braille pattern U+2800, which is neither but draws nothing.
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\u2800]/gu;

// Control characters other than tab and line feed: nobody types them, and PostgreSQL refuses NUL.
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * Text from a textarea as Jot keeps it: browsers send line breaks as CRLF but count them as one
 * character, and so do we; control characters are dropped, and space at either end.
 */
export function normaliseText(raw: string): string {
  return raw.replace(/\r\n?/g, "\n").replace(CONTROLS, "").trim();
}

/** Whether the text shows nothing: empty, or only spaces and invisible characters. */
export function isBlank(text: string): boolean {
  return text.replace(INVISIBLE, "").length === 0;
}

/**
 * A post's or a message's text: normalised, not blank, at most `max` characters; throws
 * ValidationError on `field` otherwise.
 */
export function shortText(raw: string, field: string, max: number): string {
  const text = normaliseText(raw);
  if (isBlank(text)) throw new ValidationError({ [field]: "Say something first." });
  if (characterCount(text) > max) throw new ValidationError({ [field]: `At most ${max} characters.` });
  return text;
}
