const BASE = "http://jot.invalid";
const MAX_DECODES = 3;

function isLocalPath(candidate: string): boolean {
  // Browsers read "//host" and "/\host" as other sites and drop tabs and newlines before parsing.
  if (!candidate.startsWith("/") || /^\/[/\\]/.test(candidate) || /[\u0000-\u001f\\]/.test(candidate)) return false;
  return new URL(candidate, BASE).origin === BASE;
}

/**
 * `next` as a same-site path to redirect to, or undefined when it is anything else:
 * absolute URLs, protocol-relative or backslash tricks, control characters, and their
 * percent-encoded forms (checked after each round of decoding).
 */
export function safeNextPath(next: unknown): string | undefined {
  // Printable ASCII only: anything else cannot go into a Location header as it is.
  if (typeof next !== "string" || next.length > 2048 || !/^[\x21-\x7e]+$/.test(next)) return undefined;
  let candidate = next;
  for (let round = 0; round <= MAX_DECODES; round++) {
    if (!isLocalPath(candidate)) return undefined;
    let decoded: string;
    try {
      decoded = decodeURIComponent(candidate);
    } catch {
      return undefined;
    }
    if (decoded === candidate) return next;
    candidate = decoded;
  }
  return undefined; // still changing after several decodes: not a link our pages made
}
