/**
 * The people a post names: each @name's key (lower case, as written) and the user it named when the
 * post was written. Kept with the post, so a page links every @name without looking anyone up, and
 * the link follows that person through a rename; a name no one had stays text.
 */
export type Mentions = ReadonlyMap<string, number>;

export const NO_MENTIONS: Mentions = new Map();

/** The most people one post notifies, however many it names: a post is no way to page a crowd. */
export const MOST_NOTIFIED = 10;

/** The column's text: the pairs as JSON, or "" for none. */
export function encodeMentions(mentions: Mentions): string {
  return mentions.size === 0 ? "" : JSON.stringify([...mentions]);
}

/** The column read back; anything but what encodeMentions writes reads as no mentions. */
export function decodeMentions(text: string): Mentions {
  if (text === "") return NO_MENTIONS;
  try {
    const pairs: unknown = JSON.parse(text);
    if (!Array.isArray(pairs)) return NO_MENTIONS;
    return new Map(pairs.filter((p): p is [string, number] => Array.isArray(p) && typeof p[0] === "string" && Number.isInteger(p[1])));
  } catch {
    return NO_MENTIONS;
  }
}

/**
 * Whom a new post by `authorId` tells of a mention: the people it names, in order, but not the
 * author, nor `answeredId` (the author of the post it answers, who is told of the reply instead),
 * nor anyone in `toldBefore` (an earlier version of the post named them); at most MOST_NOTIFIED.
 */
export function mentionedToNotify(mentions: Mentions, authorId: number, answeredId: number | null, toldBefore: Mentions = NO_MENTIONS): number[] {
  const already = new Set(toldBefore.values());
  const told = new Set<number>();
  for (const id of mentions.values()) {
    if (told.size === MOST_NOTIFIED) break;
    if (id !== authorId && id !== answeredId && !already.has(id)) told.add(id);
  }
  return [...told];
}
