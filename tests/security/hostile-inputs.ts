// Hostile inputs for tests/security/fuzz.test.ts, from a small seeded PRNG: the same seed gives
// the same inputs, so any failure the fuzzer finds can be sent again.

import { deflateSync, gzipSync } from "node:zlib";

/** mulberry32: a tiny 32-bit PRNG, good enough to pick inputs, and the same everywhere. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed of its own for `label` (a route) under the run's seed: one route's inputs do not depend on another's. */
export function seedFor(seed: number, label: string): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (const char of label) hash = Math.imul(hash ^ char.codePointAt(0)!, 0x01000193) >>> 0;
  return hash;
}

/** Characters nobody types into a form: C0 controls, DEL, C1, line and paragraph separators, bidi overrides, BOM, non-characters. */
const CONTROLS = [..."\u0000\u0001\u0007\b\t\n\u000b\f\r\u001b\u001f\u007f\u0080\u0085\u009f\u00a0\u2028\u2029\u200b\u200d\u200e\u202e\u2066\ufeff\ufffe\uffff"];
const LONE_SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff", "\udc00\ud800", "x\ud83d", "\ude00y"];
const UNICODE = [
  "é", "e\u0301", "ß", "İ", "ı", "ſ", "\u212a", "ﬀ", "Ａ", "𝔘", "😀", "👩‍👩‍👧‍👦", "🏳️‍🌈", "\u3164", "\u115f", "\u2800",
  "中文", "עברית", "العربية", "\u0301".repeat(40), "\ud83d\ude00".repeat(30), "\u{10ffff}", "\u{e0041}",
];
/** Numbers as text: huge, negative, not numbers at all, and digits that are not ASCII. */
export const NUMBERS = [
  "0", "-0", "-1", "1", "00001", "2147483647", "2147483648", "-2147483649", "4294967296", "9007199254740991",
  "9007199254740993", "1e309", "-1e309", "1e-400", "NaN", "-NaN", "Infinity", "-Infinity", "0x7fffffff", "0b1", "0o7",
  "1_000", "1.5", ".5", "5.", "+1", " 1", "1 ", "١٢٣", "１２３", "99999999999999999999999999999999", "1e3", "1E3",
];
const INJECTIONS = [
  "' OR '1'='1", "\"; DROP TABLE \"User\"; --", "'); DELETE FROM \"Post\"; --", "<script>alert(1)</script>",
  "\"><img src=x onerror=alert(1)>", "<%= it.title %>", "<%~ process.exit(1) %>", "{{constructor.constructor('return process')()}}",
  "${7*7}", "%s%s%s%n", "javascript:alert(1)", "//evil.example", "/\\evil.example", "http://evil.example/", "\r\nSet-Cookie: owned=1",
  "../../../../etc/passwd", "..\\..\\windows\\win.ini", "file:///etc/passwd", "__proto__", "constructor", "prototype", "toString",
  "hasOwnProperty", "valueOf", "null", "undefined", "true", "[]", "{}", "[object Object]", "\\", "'", "\"", "`", "%", "&", "=", "+", "#",
];
/** Lengths right at and just past Jot's limits (name 64, email 120, post and about me 140, password 1024), and PostgreSQL's index row limit (2704 bytes). */
const EDGE_LENGTHS = [2, 3, 63, 64, 65, 119, 120, 121, 139, 140, 141, 142, 280, 1023, 1024, 1025, 2048, 2705, 2800, 4096, 8191];
/** Percent-encoded bytes that are not UTF-8 (or not text), and percent signs that encode nothing. */
export const BAD_PERCENT = [
  "%C3%28", "%ED%A0%80", "%ED%BF%BF", "%ED%A0%80%ED%B0%80", "%FF", "%FE%FF", "%C0%AF", "%C0%80", "%E0%80%AF", "%F4%90%80%80",
  "%F8%88%80%80%80", "%80", "%C3", "%E2%82", "%", "%Z", "%%", "%0", "%2", "%G0", "%00", "%0A", "%0D%0A", "%E2%80%AE", "%EF%BF%BF", "%2e%2e%2f",
];
/** Raw bytes a form body should never hold as they are (urlencoded bodies are ASCII). */
const RAW_BYTES = [[0xff], [0x00], [0x80], [0xc3], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xfe, 0xff], [0x0d, 0x0a], [0x1b]];

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Percent-encodes text as UTF-8, as a browser would (a lone surrogate becomes U+FFFD, as in any real client). */
export function encodeText(text: string, spaceAsPlus = false): string {
  if (/^[A-Za-z0-9]*$/.test(text)) return text;
  const encoded = encodeURIComponent(text.replace(LONE_SURROGATE, "\ufffd"));
  return spaceAsPlus ? encoded.replace(/%20/g, "+") : encoded;
}

/** One `name=value` pair of a urlencoded body or a query, already encoded: ASCII text, or bytes that are not. */
export type Encoded = string | Buffer;

/** Joins encoded pieces: text while they are all text, bytes once one is not. */
export function cat(...parts: Encoded[]): Encoded {
  if (parts.every((part) => typeof part === "string")) return parts.join("");
  return Buffer.concat(parts.map((part) => (typeof part === "string" ? Buffer.from(part, "latin1") : part)));
}

/** Encoded input made fit for a URL: printable ASCII stays, any other byte is percent-encoded (so bad UTF-8 stays bad). */
export function urlSafe(encoded: Encoded): string {
  if (typeof encoded === "string" && /^[\x21\x22\x24-\x7e]*$/.test(encoded)) return encoded;
  const bytes = typeof encoded === "string" ? Buffer.from(encoded, "latin1") : encoded;
  let out = "";
  for (const byte of bytes) out += byte > 0x20 && byte < 0x7f && byte !== 0x23 ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  return out;
}

/** A header value light-my-request will send: Latin-1 without control characters (a real client could send no other). */
export function headerSafe(value: string): string {
  return value.replace(/[^\t\x20-\x7e\x80-\xff]/g, "?");
}

/** A form as the fuzzer sends it: the body, its headers, what sort of input it is, and whether its CSRF token is the session's. */
export interface FormRequest {
  payload?: string | Buffer;
  headers: Record<string, string>;
  kind: string;
  csrfValid: boolean;
}

/** A field's usual value; it sees the values chosen so far (password2 repeats password). */
export type Plausible = (values: Record<string, string>, h: Hostile) => string;

/** A seeded source of hostile input. Every choice goes through `random`, so a seed replays a run exactly. */
export class Hostile {
  readonly random: () => number;

  constructor(seed: number) {
    this.random = mulberry32(seed);
  }

  int(below: number): number {
    return Math.floor(this.random() * below);
  }

  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** One of the choices, each `[weight, make]`. */
  weighted<T>(choices: readonly (readonly [number, () => T])[]): T {
    const total = choices.reduce((sum, [weight]) => sum + weight, 0);
    let roll = this.random() * total;
    for (const [weight, make] of choices) {
      if ((roll -= weight) < 0) return make();
    }
    return choices.at(-1)![1]();
  }

  /** Random characters: printable ASCII, any BMP code unit (lone surrogates, NUL and controls included), or anything up to U+10FFFF. */
  chars(length: number, alphabet = this.pick(["ascii", "bmp", "astral", "letters"] as const)): string {
    let out = "";
    while (out.length < length) {
      if (alphabet === "ascii") out += String.fromCharCode(this.between(0x20, 0x7e));
      else if (alphabet === "letters") out += String.fromCharCode(this.pick([0x41, 0x61]) + this.int(26));
      else if (alphabet === "bmp") out += String.fromCharCode(this.int(0x10000));
      else out += String.fromCodePoint(this.int(0x110000));
    }
    return out.slice(0, length);
  }

  /**
   * Text `length` long that does not compress (so that it is as big in a database index as it
   * looks): a random block of up to 4 KiB, repeated.
   */
  overlong(length: number): string {
    // Past the body limit only the size matters: mostly letters there, which cost nothing to encode.
    const block = this.chars(Math.min(length, 4096), length > 65_536 && this.chance(0.8) ? "letters" : undefined);
    return block.repeat(Math.ceil(length / block.length)).slice(0, length);
  }

  /** 10 KB to 1 MB, half of it under the 64 KiB body limit (so it reaches the route) and half over (a 413). */
  overlongLength(): number {
    return this.chance(0.5) ? this.between(10_000, 60_000) : Math.floor(10 ** (4.8 + this.random() * 1.22));
  }

  /** A hostile value for a text field; `plausible` is what the field would normally get. */
  text(plausible: () => string = () => this.chars(this.between(1, 20), "letters")): string {
    return this.weighted<string>([
      [6, plausible],
      [1, () => ""],
      [1, () => this.pick([" ", "   ", "\t\n", "\r\n\r\n", "\u200b\u200b", "\u3164", "\u2800\u2800", "\u115f", "\ufe0f", "\u00a0", "\u3000"])],
      [2, () => this.mixed(CONTROLS)],
      [2, () => this.mixed(LONE_SURROGATES)],
      [2, () => this.mixed(UNICODE)],
      [2, () => this.pick(NUMBERS)],
      [2, () => this.pick(INJECTIONS)],
      [1, () => this.chars(this.pick(EDGE_LENGTHS))],
      [1, () => plausible() + this.pick(CONTROLS) + plausible()],
      [0.6, () => this.overlong(this.overlongLength())],
    ]);
  }

  /** Letters with some of `pieces` in between (at either end, too). */
  private mixed(pieces: readonly string[]): string {
    let out = "";
    const parts = this.between(1, 8);
    for (let i = 0; i < parts; i++) out += this.chance(0.5) ? this.pick(pieces) : this.chars(this.between(1, 6), "letters");
    return out;
  }

  /** A value made urlencoded: properly encoded text, or with bytes that are not UTF-8 (percent-encoded or raw). */
  encoded(text: string): Encoded {
    return this.weighted<Encoded>([
      [8, () => encodeText(text, this.chance(0.5))],
      [2, () => this.badlyEncoded(text)],
    ]);
  }

  /** Text with bad percent-escapes, and now and then raw bytes that are not UTF-8, spliced in. */
  badlyEncoded(text = this.chars(this.between(0, 8), "letters")): Encoded {
    const parts: Encoded[] = [];
    const splices = this.between(1, 4);
    const clean = encodeText(text);
    let at = 0;
    for (let i = 0; i < splices; i++) {
      const cut = this.between(at, clean.length);
      parts.push(clean.slice(at, cut));
      at = cut;
      parts.push(this.chance(0.8) ? this.pick(BAD_PERCENT) : Buffer.from(this.pick(RAW_BYTES)));
    }
    parts.push(clean.slice(at));
    return cat(...parts);
  }

  /** A page cursor as our links carry them (`<ms>-<id>`), and everything near it. */
  cursor(real: string): string {
    return this.weighted<string>([
      [3, () => real],
      [8, () => this.pick(CURSOR_EDGES)],
      [2, () => `${this.digits(this.between(0, 20))}-${this.digits(this.between(0, 20))}`],
      [2, () => `${this.pick(NUMBERS)}-${this.pick(NUMBERS)}`],
      [2, () => this.text(() => real)],
    ]);
  }

  /** A notification number (`since`, `after`) and its neighbours. */
  sequence(real: string): string {
    return this.weighted<string>([
      [2, () => real],
      [6, () => this.pick(["0", "1", "999999999", "1000000000", "2147483647", "2147483648", "01", "000000001", "-1", "1.0", "1e3", "0x10", "", " 1", "1 ", "١"])],
      [2, () => this.digits(this.between(0, 30))],
      [2, () => this.pick(NUMBERS)],
      [2, () => this.text(() => real)],
    ]);
  }

  digits(length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += String(this.int(10));
    return out;
  }

  /** A secret of an emailed link (43 base64url characters) or something standing in for one, ready for a URL. */
  tokenSegment(real: string): string {
    const mutated = () => {
      const at = this.int(real.length);
      return real.slice(0, at) + (real[at] === "A" ? "B" : "A") + real.slice(at + 1);
    };
    return this.weighted<string>([
      [6, () => real],
      [2, () => [...real].map((char) => `%${char.charCodeAt(0).toString(16)}`).join("")],
      [2, mutated],
      [1, () => real.slice(0, this.between(0, 42))],
      [1, () => real + this.pick(["A", "=", "==", "%00", "%0a", "%20", "/", "%2F", ".", "%ED%A0%80", "?x=1"])],
      [1, () => real.toUpperCase()],
      [2, () => Buffer.from(this.chars(32, "bmp"), "utf16le").toString("base64url").slice(0, 43)],
      [1, () => encodeText(this.chars(43, "bmp"))],
      [3, () => this.usernameSegment([real])],
      [1, () => "A".repeat(this.pick([44, 99, 100, 101, 200, 5000]))],
    ]);
  }

  /** A `next` (where to go after signing in or following): same-site paths, other sites, and every disguise of them. */
  next(): string {
    return this.weighted<string>([
      [3, () => this.pick(["/", "/explore", "/user/target", "/user/target?before=1-1", "/messages", "/settings"])],
      [6, () => this.pick(NEXT_ATTACKS)],
      [2, () => `/${this.chars(this.pick([10, 2047, 2048, 2049, 5000]), "ascii").replace(/\s/g, "")}`],
      [2, () => this.text(() => "/explore")],
    ]);
  }

  /**
   * A query string for a page that reads `params` (each given its usual value): none, hostile values,
   * both directions at once, repeated or bracketed names, prototype keys, overlong values, bad UTF-8.
   */
  query(params: Record<string, () => string>): { query: string; kind: string } {
    const names = Object.keys(params);
    const value = (name: string) => urlSafe(this.encoded(params[name]!()));
    const pairs: string[] = [];
    const kind = this.weighted<string>([
      [12, () => "none"],
      [names.length ? 45 : 0, () => {
        const name = this.pick(names);
        pairs.push(`${name}=${value(name)}`);
        return "one value";
      }],
      [names.length ? 8 : 0, () => {
        for (const name of names) pairs.push(`${name}=${value(name)}`);
        if (names.length === 1) pairs.push(`${names[0]}=${value(names[0]!)}`);
        return "every name";
      }],
      [names.length ? 8 : 0, () => {
        const name = this.pick(names);
        for (let i = this.between(2, this.chance(0.1) ? 500 : 4); i > 0; i--) pairs.push(`${name}=${value(name)}`);
        return "repeated name";
      }],
      [names.length ? 6 : 0, () => {
        const name = this.pick(names);
        pairs.push(`${name}${this.pick(["[]", "[0]", "[a]", "[__proto__]", "[a][b]", ".a"])}=${value(name)}`);
        return "bracketed name";
      }],
      [8, () => {
        for (let i = this.between(1, 3); i > 0; i--) pairs.push(this.pick(JUNK_PAIRS));
        if (names.length && this.chance(0.5)) pairs.push(`${this.pick(names)}=${value(this.pick(names))}`);
        return "junk names";
      }],
      [names.length ? 5 : 0, () => {
        pairs.push(`${this.pick(names)}=${encodeText(this.overlong(this.between(10_000, 100_000)))}`);
        return "overlong value";
      }],
      [6, () => {
        const name = names.length ? this.pick(names) : "x";
        pairs.push(this.chance(0.5) ? `${name}=${urlSafe(this.badlyEncoded())}` : `${urlSafe(this.badlyEncoded(name))}=1`);
        return "bad percent-encoding";
      }],
    ]);
    return { query: pairs.length > 0 ? `?${pairs.join("&")}` : "", kind };
  }

  /** A few headers no browser sends, or not like this (the caller's own headers win). */
  headers(): Record<string, string> {
    const headers: Record<string, string> = {};
    for (let i = this.between(1, 3); i > 0; i--) {
      const [name, values] = this.pick(HOSTILE_HEADERS);
      headers[name] = headerSafe(this.pick(values));
    }
    return headers;
  }

  /** A Cookie header that is not a session Jot made, or a real one (`real`) tampered with. */
  strangerCookie(real: string): string {
    return headerSafe(
      this.pick([
        "jot_session=",
        "jot_session=garbage",
        `jot_session=${Buffer.from(this.chars(150, "ascii")).toString("base64")}`,
        "jot_session=%ff%fe%00",
        "jot_session=a; jot_session=b",
        `jot_session=${"A".repeat(8000)}`,
        "=; ;; =",
        "__proto__=1; constructor=2; prototype=3",
        `${real.slice(0, -4)}AAAA`,
        `${real.replace(/=/, "=%")}`,
        `jot_session=${real.split("=").slice(1).join("=").split("").reverse().join("")}`,
      ]),
    );
  }

  /**
   * A form for `fields` (each given its usual value, which the generator then spoils or not) with
   * the session's CSRF token `token` (none when the sender has no session): urlencoded (values
   * hostile, fields missing, repeated, bracketed, keys not UTF-8, prototype keys), overlong, JSON
   * (arrays and objects for strings, `__proto__`, deep nesting, not an object at all), text/plain,
   * multipart, no content type, odd content types, compressed and compression bombs, empty.
   * Mostly the token is right, so that the input reaches the route's own checks.
   */
  form(fields: Record<string, Plausible>, token: string | undefined): FormRequest {
    const values: Record<string, string> = {};
    // Now and then only one field is spoiled, so that the others pass and the route's later checks are reached too.
    const names = Object.keys(fields);
    const spoiled = names.length > 1 && this.chance(0.4) ? this.pick(names) : undefined;
    for (const [name, plausible] of Object.entries(fields)) {
      values[name] = spoiled === undefined || name === spoiled ? this.text(() => plausible(values, this)) : plausible(values, this);
    }
    const csrfValid = token !== undefined && this.chance(0.93);
    const tokenHeader: Record<string, string> = csrfValid ? { "x-csrf-token": token } : {};
    // The fields left whole are sent as a browser would send them.
    const whole = new Set(spoiled === undefined ? [] : names.filter((name) => name !== spoiled));
    const urlencoded = () => this.urlencoded(values, token, csrfValid, whole);
    const formType = { "content-type": "application/x-www-form-urlencoded" };
    return this.weighted<FormRequest>([
      [55, () => ({ payload: urlencoded(), headers: formType, kind: "urlencoded", csrfValid })],
      [8, () => {
        const name = Object.keys(values).length > 0 ? this.pick(Object.keys(values)) : "overlong";
        values[name] = this.overlong(this.overlongLength());
        return { payload: urlencoded(), headers: formType, kind: "urlencoded, overlong field", csrfValid };
      }],
      [13, () => {
        const { payload, kind, tokenInBody } = this.json(values, token, csrfValid, whole);
        return { payload, headers: { "content-type": "application/json", ...(tokenInBody ? {} : tokenHeader) }, kind, csrfValid };
      }],
      [4, () => ({
        payload: this.chance(0.5) ? urlencoded() : this.text(),
        headers: { "content-type": this.pick(["text/plain", "text/plain; charset=utf-8"]), ...tokenHeader },
        kind: "text/plain",
        csrfValid,
      })],
      [4, () => ({ ...this.multipart(values, token, csrfValid), kind: "multipart", csrfValid })],
      [3, () => ({ payload: urlencoded(), headers: {}, kind: "no content type", csrfValid })],
      [6, () => ({ payload: urlencoded(), headers: { "content-type": headerSafe(this.pick(ODD_CONTENT_TYPES)), ...tokenHeader }, kind: "odd content type", csrfValid })],
      [4, () => ({ ...this.compressed(urlencoded()), kind: "content-encoding", csrfValid })],
      [3, () => ({
        payload: "",
        headers: { "content-type": this.pick(["application/x-www-form-urlencoded", "application/json", "text/plain"]), ...tokenHeader },
        kind: "empty body",
        csrfValid,
      })],
    ]);
  }

  /** The fields urlencoded, in any order, each set, missing, repeated, bracketed or misnamed, with junk and the token. */
  private urlencoded(values: Record<string, string>, token: string | undefined, csrfValid: boolean, whole: Set<string>): Encoded {
    const pairs: Encoded[] = [];
    for (const [name, text] of Object.entries(values)) pairs.push(...(whole.has(name) ? [`${name}=${encodeText(text)}`] : this.fieldPairs(name, text)));
    if (this.chance(0.3)) for (let i = this.between(1, 4); i > 0; i--) pairs.push(this.pick(JUNK_PAIRS));
    if (token !== undefined) pairs.push(...(csrfValid ? [`_csrf=${encodeText(token)}`] : this.badTokenPairs(token)));
    for (let i = pairs.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [pairs[i], pairs[j]] = [pairs[j]!, pairs[i]!];
    }
    const separator = this.chance(0.9) ? "&" : this.pick(["&&", "&=&", "&amp;"]);
    const joined: Encoded[] = [];
    pairs.forEach((pair, i) => joined.push(...(i > 0 ? [separator, pair] : [pair])));
    return cat(...joined);
  }

  private fieldPairs(name: string, text: string): Encoded[] {
    // Encoded once: the value may be a megabyte long.
    const encoded = this.encoded(text);
    const value = () => encoded;
    return this.weighted<Encoded[]>([
      [62, () => [cat(`${name}=`, value())]],
      [10, () => []],
      [7, () => Array.from({ length: this.chance(0.1) ? 300 : this.between(2, 5) }, (_, i) => cat(`${name}=`, i === 0 ? value() : encodeText(this.pick([...NUMBERS, ...INJECTIONS]))))],
      [6, () => [cat(`${name}${this.pick(["[]", "[0]", "[1]"])}=`, value())]],
      [6, () => [cat(`${name}${this.pick(["[a]", "[__proto__]", "[constructor]", "[a][b]", ".a"])}=`, value())]],
      [4, () => [name]],
      [5, () => [cat(this.badlyEncoded(name), "=", value())]],
    ]);
  }

  /** A token that is not this session's, or is not sent as one string. */
  private badTokenPairs(token: string): string[] {
    const flipped = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    return this.pick([
      [],
      ["_csrf="],
      ["_csrf=forged"],
      [`_csrf=${encodeText(flipped)}`],
      [`_csrf=${encodeText(token)}`, `_csrf=${encodeText(token)}`],
      [`_csrf[]=${encodeText(token)}`],
      [`_csrf[a]=${encodeText(token)}`],
      [`_csrf=${encodeText(token)}%00`],
      [`_csrf=${encodeText(token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase())}`],
    ]);
  }

  /** The fields as JSON: strings, or arrays, objects, numbers, nulls in their place; or a body that is no object at all. */
  private json(
    values: Record<string, string>,
    token: string | undefined,
    csrfValid: boolean,
    whole: Set<string>,
  ): { payload: string; kind: string; tokenInBody: boolean } {
    const entries: string[] = [];
    for (const [name, text] of Object.entries(values)) {
      if (whole.has(name)) entries.push(`${JSON.stringify(name)}:${JSON.stringify(text)}`);
      else if (this.chance(0.9)) entries.push(`${JSON.stringify(name)}:${this.jsonValue(text)}`);
    }
    if (this.chance(0.25)) entries.push(this.pick(JSON_JUNK));
    const tokenInBody = token !== undefined && (!csrfValid || this.chance(0.5));
    if (tokenInBody) {
      entries.push(
        csrfValid
          ? `"_csrf":${JSON.stringify(token)}`
          : this.pick([`"_csrf":[${JSON.stringify(token)}]`, `"_csrf":{"a":${JSON.stringify(token)}}`, `"_csrf":1`, `"_csrf":true`, `"_csrf":null`, `"_csrf":"forged"`]),
      );
    }
    const object = `{${entries.join(",")}}`;
    if (this.chance(0.8)) return { payload: object, kind: "json", tokenInBody };
    const depth = this.between(1000, 20_000);
    const payload = this.pick([
      "[]", `[${object}]`, `"text"`, "1", "null", "true", "{", `{"body":}`, "\u0000", `\ufeff${object}`, `${object}garbage`, `${object}${object}`,
      " ", `${"[".repeat(depth)}${"]".repeat(depth)}`, `${'{"a":'.repeat(depth / 5)}{"__proto__":{"polluted":1}}${"}".repeat(depth / 5)}`,
      `{"a":${"[".repeat(depth)}${"]".repeat(depth)}}`, "1e309", "-0", `"\\ud800"`,
    ]);
    return { payload, kind: "json, not an object", tokenInBody: false };
  }

  private jsonValue(text: string): string {
    const string = JSON.stringify(text);
    return this.weighted<string>([
      [60, () => string],
      [5, () => `[${string}]`],
      [5, () => `{"value":${string}}`],
      [4, () => this.pick(["1e309", "-0", "1e-400", "123456789012345678901234567890", "0", "-1", "2147483648"])],
      [3, () => "null"],
      [3, () => this.pick(["true", "false"])],
      [3, () => this.pick([`"\\u0000"`, `"a\\u0000b"`, `"\\ud800"`, `"\\udfff\\ud800"`, `"\\uffff"`])],
      [2, () => `${"[".repeat(this.between(100, 5000))}${string}${"]".repeat(this.between(100, 5000))}`],
      [2, () => "{}"],
    ]);
  }

  private multipart(values: Record<string, string>, token: string | undefined, csrfValid: boolean): { payload: Buffer; headers: Record<string, string> } {
    const boundary = `----fuzz${this.int(1e9)}`;
    const parts = Object.entries({ ...values, ...(token !== undefined && csrfValid ? { _csrf: token } : {}) }).map(
      ([name, text]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${text}\r\n`,
    );
    return {
      payload: Buffer.from(`${parts.join("")}--${boundary}--\r\n`),
      headers: { "content-type": `multipart/form-data; boundary=${boundary}`, ...(csrfValid && token ? { "x-csrf-token": token } : {}) },
    };
  }

  /** A compressed body (the compression plugin inflates bodies): good, garbage, unknown, or a bomb far past the body limit. */
  private compressed(body: Encoded): { payload: Buffer; headers: Record<string, string> } {
    const bytes = typeof body === "string" ? Buffer.from(body, "latin1") : body;
    const [encoding, payload] = this.pick<readonly [string, () => Buffer]>([
      ["gzip", () => gzipSync(bytes)],
      ["deflate", () => deflateSync(bytes)],
      ["gzip", () => bytes],
      ["br", () => bytes],
      ["gzip", () => gzipBomb(this.pick([100_000, 1_000_000, 8_000_000]))],
      ["deflate", () => deflateBomb()],
      ["x-unknown", () => bytes],
      ["gzip, gzip", () => gzipSync(gzipSync(bytes))],
      ["identity", () => bytes],
      ["GZIP", () => gzipSync(bytes)],
    ]);
    return { payload: payload(), headers: { "content-type": "application/x-www-form-urlencoded", "content-encoding": encoding } };
  }

  /**
   * A path segment, ready to put in a URL, where a username belongs: traversal (plain, encoded,
   * double-encoded, backslashes), names too long for a user or for the router (414), Unicode look-alikes,
   * bytes that are not UTF-8, and the names of real users in other cases.
   */
  usernameSegment(real: readonly string[]): string {
    return this.weighted<string>([
      [5, () => encodeText(this.pick(real))],
      [2, () => encodeText(this.pick(real).toUpperCase())],
      [6, () => this.pick(TRAVERSALS)],
      [2, () => encodeText("a".repeat(this.pick([64, 65, 99, 100, 101, 150, 1000, 10_000])))],
      [3, () => encodeText(this.text(() => this.pick(real)))],
      [2, () => encodeText(this.pick(real) + this.pick(["\u200b", "\u0000", " ", "\u212a", "\u0301", "%", ".", "/", "\\", "?", "#", ";", "İ"]))],
      [2, () => encodeText(this.pick(["ｔａｒｇｅｔ", "tārget", "TARGET", "\u212aelvin", "İstanbul", "ſtraße", "admin", "root", "null", "undefined", "0", "-1", "NaN", "1e309", "__proto__", "constructor", "prototype", "toString", "hasOwnProperty"]))],
      [2, () => urlSafe(this.badlyEncoded(this.pick(real)))],
    ]);
  }
}

/** Cursors at and past every edge decodeCursor checks. */
const CURSOR_EDGES = [
  "", "-", "--", "0-0", "0-1", "1-0", "1-1", "-1-1", "1--1", "1-1-1", "1-2147483647", "1-2147483648", "1-4294967297",
  "1700000000000-999999999999999", "999999999999999-1", "999999999999999-999999999999999", "253402300799999-1",
  "253402300800000-1", "8640000000000000-1", "8640000000000001-1", "1000000000000000-1", "0000000000000001-1",
  "000000000000001-000000000000001", "NaN-1", "1-NaN", "Infinity-1", "1e309-1", "1.5-1", "1-1.5", " 1-1", "1-1 ", "1-1\n",
  "١-١", "１-１", "1_1", "1:1", "1 1", "0x1-0x1", "-", "1-", "-1",
];

/** What a username in a URL should never be able to reach. */
const TRAVERSALS = [
  "..", ".", "...", "%2e%2e", "%2E%2E", "%2e", ".%2e", "..%2f", "..%2F", "%2e%2e%2f", "%2e%2e%2fsettings", "..%2f..%2fetc%2fpasswd",
  "%252e%252e%252f", "%25252e", "target%2Ffollowers", "target%2f..%2f..%2fsettings", "..%5c..%5c", "%5c..%5c", "..%5Ctarget",
  "%c0%ae%c0%ae%c0%af", "%e0%80%ae%e0%80%ae", "..%00", "target%00", "%00", "target%0a", "target%0d%0aX-Injected:%201", "target;x=1",
  "target%3Bx=1", "target%23x", "target%3Fx=1", "~target", "%7Etarget", "target.", ".target", "-target", "target..", "a..b",
  "..%252f..%252f", "%2f", "%2F%2Fevil.example", "%5C%5Cevil.example", "%20", "%09target", "target%20", "%E2%80%AEtegrat",
];

/** `name=value` pairs no form has: prototype keys, brackets, nameless values. */
const JUNK_PAIRS = [
  "__proto__=x", "__proto__[polluted]=1", "__proto__%5Bpolluted%5D=1", "constructor[prototype][polluted]=1", "constructor=1",
  "prototype=1", "toString=1", "hasOwnProperty=1", "valueOf=1", "__defineGetter__=1", "remember_me=1", "next=%2F%2Fevil.example",
  "_method=DELETE", "a[b][c][d]=1", "[]=1", "=", "=value", "a", "%5F%5Fproto%5F%5F=1", "%00=%00",
];

/** JSON members no form has: prototype pollution, duplicate keys. */
const JSON_JUNK = [
  `"__proto__":{"polluted":true}`, `"constructor":{"prototype":{"polluted":true}}`, `"__proto__":null`, `"a":{"__proto__":{"polluted":true}}`,
  `"toString":"x"`, `"body":"a","body":"b"`, `"":""`,
];

const ODD_CONTENT_TYPES = [
  "application/x-www-form-urlencoded; charset=utf-16le", "application/x-www-form-urlencoded; charset=\"", "Application/X-WWW-Form-URLEncoded",
  "application/x-www-form-urlencoded, application/json", " application/x-www-form-urlencoded", "application/x-www-form-urlencodedx",
  "application/x-www-form-urlencoded;;;;", "application/*", "*/*", "text/html", "application/xml", "image/png", "x", ";", "/",
  "application/json; charset=utf-7", `application/${"a".repeat(3000)}`, "multipart/form-data", "application/x-www-form-urlencoded; boundary=x; charset=latin1; q=0.1",
  "application/octet-stream", "application/jsonx", "application/json\t", "application/json;charset=\u00ff",
];

const NEXT_ATTACKS = [
  "//evil.example", "///evil.example", "/\\evil.example", "\\\\evil.example", "http://evil.example", "https:evil.example", "javascript:alert(1)",
  "/%2f%2fevil.example", "/%2F%2Fevil.example", "/%5cevil.example", "/%252f%252fevil.example", "/%25252f%25252fevil.example", "/%09/evil.example",
  "/\t/evil.example", "/\r\nLocation: http://evil.example", "/%0d%0aSet-Cookie:%20x=1", "/%E0%A4%A", "/%ff", "/ok?x=%ff", "/ü", " /", "/ ", "",
  "/.", "/..", "/../../etc/passwd", "/%2e%2e/%2e%2e/", "data:text/html,x", "/@evil.example", "/user/target#//evil", "?next=//evil", "%2F%2Fevil.example",
];

const CURSORS_FOR_HEADERS = ["1-1", "0-0", "-1-1", "999999999-999999999", "1000000000-1", "a-b", "", "1", "1-", "-", "1-1-1", "9".repeat(5000)];

/** Headers, each with values no browser sends. */
const HOSTILE_HEADERS: readonly (readonly [string, readonly string[]])[] = [
  ["accept-encoding", ["br;q=2, gzip;q=NaN", "*;q=0", "gzip, ".repeat(1000), "identity;q=0", ",,,,", "x-gzip, deflate;q=-1", "br;q=1e309"]],
  ["accept", ["text/event-stream", "*/*;q=abc", "application/json", "", "x".repeat(5000)]],
  ["accept-language", ["x".repeat(5000), "*;q=0", "en-US,en;q=NaN"]],
  ["if-none-match", ['"v1-1"', "*", 'W/"x", '.repeat(2000), '"', "W/"]],
  ["if-modified-since", ["Thu, 01 Jan 1970 00:00:00 GMT", "garbage", "Sat, 01 Jan 275760 00:00:00 GMT", "-1"]],
  ["range", ["bytes=0-0", "bytes=-1", "bytes=999999999999999999-", "bytes=1-0", "bytes=0-0,".repeat(500), "bytes=a-b", "items=0-1", "bytes=-0"]],
  ["x-forwarded-for", ["1.1.1.1, ::1, garbage", "999.999.999.999", "x".repeat(3000)]],
  ["x-forwarded-host", ["evil.example", "a@b", ""]],
  ["x-forwarded-proto", ["javascript", "https, http"]],
  ["host", ["evil.example", "[::1", "localhost:99999", "a".repeat(300)]],
  ["referer", ["javascript:alert(1)", "//evil.example", "\u00ff"]],
  ["user-agent", ["x".repeat(10_000), "() { :; }; echo vulnerable"]],
  ["content-type", ["application/json", "multipart/form-data"]],
  ["last-event-id", CURSORS_FOR_HEADERS],
];

let deflated: Buffer | undefined;
/** Deflate of 2 MB of "a" (made once). */
function deflateBomb(): Buffer {
  return (deflated ??= deflateSync(Buffer.alloc(2_000_000, 0x61)));
}

const bombs = new Map<number, Buffer>();
/** Gzip of `size` bytes of zeros: small on the wire, far past the body limit once inflated (made once per size). */
function gzipBomb(size: number): Buffer {
  let bomb = bombs.get(size);
  if (!bomb) bombs.set(size, (bomb = gzipSync(Buffer.alloc(size))));
  return bomb;
}
