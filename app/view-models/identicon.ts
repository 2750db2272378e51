/**
 * A user's avatar, drawn by Jot from nothing but the user's id: a 5 × 5 symmetric pattern in one
 * colour on a pale tint of it. No user text goes into it, so there is nothing to escape, and the same
 * id always gives the same picture (bump IDENTICON_VERSION when the drawing changes).
 */
export const IDENTICON_VERSION = 1;

const GRID = 5;
const CELL = 8;
const PAD = 4;
const SIZE = GRID * CELL + 2 * PAD;

/** A 32-bit integer mix (murmur3's finaliser): neighbouring ids get unrelated patterns. */
function mix(n: number): number {
  let h = n >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The hue of a user's avatar, which their banner takes too. */
const hueOf = (userId: number) => mix(mix(userId)) % 360;

export function identicon(userId: number): string {
  const bits = mix(userId);
  const hue = hueOf(userId);
  const cells: string[] = [];
  // Fifteen bits fill the left three columns; the right two mirror the left two.
  for (let column = 0; column < 3; column++) {
    for (let row = 0; row < GRID; row++) {
      if (!((bits >>> (column * GRID + row)) & 1)) continue;
      for (const x of new Set([column, GRID - 1 - column])) {
        cells.push(`<rect x="${PAD + x * CELL}" y="${PAD + row * CELL}" width="${CELL}" height="${CELL}"/>`);
      }
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}" width="${SIZE}" height="${SIZE}">` +
    `<rect width="${SIZE}" height="${SIZE}" fill="hsl(${hue} 60% 92%)"/>` +
    `<g fill="hsl(${hue} 55% 38%)">${cells.join("")}</g></svg>`
  );
}

/**
 * A profile's banner, until people can upload their own: a gradient from the avatar's colour to a
 * lighter, neighbouring one, stretched to whatever width the page gives it.
 */
export function banner(userId: number): string {
  const hue = hueOf(userId);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 3 1" preserveAspectRatio="none">` +
    `<linearGradient id="b" x2="1" y2="1"><stop stop-color="hsl(${hue} 55% 38%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360} 65% 62%)"/></linearGradient>` +
    `<rect width="3" height="1" fill="url(#b)"/></svg>`
  );
}
