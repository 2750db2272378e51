import { NO_MENTIONS, type Mentions } from "../domain/mentions.js";
import { linksIn } from "../domain/text-links.js";
import { personUrl } from "./urls.js";

/**
 * A piece of text someone wrote: words, a web address to follow, a hashtag (`tag`, its page in
 * Jot) or a person named (`mention`, their profile). The templates escape all of them.
 */
export type TextPart = { text: string } | { text: string; href: string; tag?: boolean; mention?: boolean };

/**
 * `text` cut into words and links (app/domain/text-links.ts): a link's trailing full stop or closing
 * bracket that it does not open stays outside it. An @name is a link to the person `mentions` says
 * it named (a post's), and otherwise text. Text with no link is one part.
 */
export function linkedText(text: string, mentions: Mentions = NO_MENTIONS): TextPart[] {
  if (text === "") return [];
  const links = linksIn(text);
  if (links.length === 0) return [{ text }];
  const parts: TextPart[] = [];
  let at = 0;
  for (const link of links) {
    const person = link.mention === undefined ? undefined : mentions.get(link.mention);
    // An @name that named no one is left in the words around it.
    if (link.mention !== undefined && person === undefined) continue;
    if (link.index > at) parts.push({ text: text.slice(at, link.index) });
    if (person !== undefined) parts.push({ text: link.text, href: personUrl(person), mention: true });
    else parts.push(link.tag ? { text: link.text, href: link.url, tag: true } : { text: link.text, href: link.url });
    at = link.lastIndex;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}
