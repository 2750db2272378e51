import { LinkifyIt } from "linkify-it";
import { usernameKey, usernameProblem } from "./user.js";

/** Where a hashtag's page is: by its key, so "#Jot" and "#jot" lead to one page. */
export const tagPath = (key: string) => `/tag/${encodeURIComponent(key)}`;

/** A hashtag's key: NFC, lower case. */
export const tagKey = (name: string) => name.normalize("NFC").toLowerCase();

/** A tag is letters, marks, digits and _ in any script (not digits alone, as "#1" is a number), at most this long. */
export const TAG_MAX_LENGTH = 50;
const TAG_CHARACTERS = /^[\p{L}\p{M}\p{N}_]+/u;

/** Whether `name` (without its #) is a hashtag. */
export function isTagName(name: string): boolean {
  const run = TAG_CHARACTERS.exec(name)?.[0];
  return run === name && [...name].length <= TAG_MAX_LENGTH && !/^\p{N}+$/u.test(name);
}

/** The characters a username may have; a name written in text ends before a final "." or "-" (punctuation). */
const NAME_CHARACTERS = /^[A-Za-z0-9_.-]+/;

/** The length of the @name at the start of `text` (after its @), or 0 when no one could have that name. */
function nameLength(text: string): number {
  const name = NAME_CHARACTERS.exec(text)?.[0].replace(/[.-]+$/, "") ?? "";
  return name !== "" && usernameProblem(name) === undefined ? name.length : 0;
}

// Web addresses, hashtags and @names, by linkify-it's rules and its documented way to add a kind of link.
// Only addresses written with http:// or https://, or starting with "www." (opened as http://)
// become web links: bare domains, e-mail addresses, "//host" and every other scheme stay text, so no
// javascript:, data: or mailto: link can come out of a person's words. linkify-it takes a "#" only
// where it does not follow a letter or digit ("a#b" is no tag), nor where it follows "&".
const linkify = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: false, fuzzyIP: false })
  .add("ftp:", null)
  .add("mailto:", null)
  .add("//", null)
  .add("#", {
    validate(text, pos) {
      // "&#39;" written out is a character's code, not a tag.
      if (text[pos - 2] === "&") return 0;
      const run = TAG_CHARACTERS.exec(text.slice(pos))?.[0];
      return run !== undefined && isTagName(run) ? run.length : 0;
    },
    normalize(match) {
      match.url = tagPath(tagKey(match.text.slice(1)));
    },
  })
  // An @name: linkify-it takes an "@" only where it does not follow a letter or digit, so an
  // e-mail address is no mention. Whose name it is, the post's own record says (mentions.ts).
  .add("@", {
    validate: (text, pos) => nameLength(text.slice(pos)),
    normalize(match) {
      match.url = "";
    },
  });

/** What every web address, hashtag or @name this module finds has in it: most text has none. */
const MAY_HOLD_LINK = /:\/\/|www\.|#|@/i;

/** A link found in text: a web address, a hashtag (its `tag` key) or an @name (its `mention` key, and no url), at [index, lastIndex). */
export interface FoundLink {
  index: number;
  lastIndex: number;
  text: string;
  url: string;
  /** Set for a hashtag: its key. */
  tag?: string;
  /** Set for an @name: the name's key (lower case). */
  mention?: string;
}

/** The web addresses, hashtags and @names in `text`, in order. */
export function linksIn(text: string): FoundLink[] {
  // This test costs a fraction of linkify-it's (3–9 µs a post).
  if (!MAY_HOLD_LINK.test(text)) return [];
  const found: FoundLink[] = [];
  for (const match of linkify.match(text) ?? []) {
    const { index, lastIndex, text: written, url } = match;
    if (match.schema === "#") found.push({ index, lastIndex, text: written, url, tag: tagKey(written.slice(1)) });
    else if (match.schema === "@") found.push({ index, lastIndex, text: written, url, mention: usernameKey(written.slice(1)) });
    else if (/^https?:$/i.test(match.schema) || (match.schema === "" && /^www\./i.test(written))) found.push({ index, lastIndex, text: written, url });
  }
  return found;
}

/** The most hashtags of one post that its tag pages list it under. */
export const MAX_TAGS = 10;

/** The keys of the hashtags in `text`, each once, in order of first use, at most MAX_TAGS. */
export function hashtagsIn(text: string): string[] {
  const keys = new Set<string>();
  for (const link of linksIn(text)) if (link.tag && keys.size < MAX_TAGS) keys.add(link.tag);
  return [...keys];
}

/** The most people one post names that are looked up and linked: a 140-character post can name no more than this many anyway. */
export const MAX_MENTIONS = 50;

/** The keys of the @names in `text`, each once, in order of first use. */
export function mentionsIn(text: string): string[] {
  const keys = new Set<string>();
  for (const link of linksIn(text)) if (link.mention && keys.size < MAX_MENTIONS) keys.add(link.mention);
  return [...keys];
}
