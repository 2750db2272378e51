import { linksIn } from "../domain/text-links.js";

/**
 * A piece of text someone wrote: words, a web address to follow, or a hashtag (`tag`, its page in
 * Jot). The templates escape all of them.
 */
export type TextPart = { text: string } | { text: string; href: string; tag?: boolean };

/**
 * `text` cut into words and links (app/domain/text-links.ts): a link's trailing full stop or closing
 * bracket that it does not open stays outside it. Text with no link is one part.
 */
export function linkedText(text: string): TextPart[] {
  if (text === "") return [];
  const links = linksIn(text);
  if (links.length === 0) return [{ text }];
  const parts: TextPart[] = [];
  let at = 0;
  for (const link of links) {
    if (link.index > at) parts.push({ text: text.slice(at, link.index) });
    parts.push(link.tag ? { text: link.text, href: link.url, tag: true } : { text: link.text, href: link.url });
    at = link.lastIndex;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}
