// The icons and the font come from npm packages (lucide-static, @fontsource-variable/inter) and are
// copied into public/ by this script, so that Jot serves them from its own origin with the rest of
// its files, and production installs need no build step. A unit test fails while the copies differ
// from what the installed packages would give.
// Usage: tsx scripts/vendor-assets.ts          writes public/img/icons.svg and public/fonts/
//        tsx scripts/vendor-assets.ts --check  exits 1 when a committed copy is out of date
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

const root = join(import.meta.dirname, "..");
const require = createRequire(import.meta.url);
const LUCIDE = dirname(require.resolve("lucide-static/package.json"));
const INTER = dirname(require.resolve("@fontsource-variable/inter/package.json"));

/** The icons Jot draws, by the name its stylesheet gives them and lucide's name. */
export const ICONS = {
  home: "house",
  explore: "compass",
  notifications: "bell",
  messages: "mail",
  profile: "user",
  settings: "settings",
  "sign-out": "log-out",
  reply: "message-circle",
  repost: "repeat-2",
  like: "heart",
  more: "ellipsis",
  show: "eye",
  hide: "eye-off",
  follow: "user-plus",
  send: "send",
} as const;

/** Icons drawn filled rather than outlined (a pressed Like). */
const FILLED = { liked: "like" } as const;

export const SPRITE = join(root, "public", "img", "icons.svg");
export const FONTS = join(root, "public", "fonts");
/** The subsets Jot serves: Latin and Latin Extended; other scripts use the reader's own fonts. */
const SUBSETS = ["latin", "latin-ext"];

function lucideVersion(): string {
  return (JSON.parse(readFileSync(join(LUCIDE, "package.json"), "utf8")) as { version: string }).version;
}

function interVersion(): string {
  return (JSON.parse(readFileSync(join(INTER, "package.json"), "utf8")) as { version: string }).version;
}

/** The shapes inside one of lucide's SVG files. */
function shapesOf(lucideName: string): string {
  const svg = readFileSync(join(LUCIDE, "icons", `${lucideName}.svg`), "utf8");
  const inner = /<svg[^>]*>([\s\S]*)<\/svg>/.exec(svg)?.[1];
  if (!inner) throw new Error(`lucide-static has no shapes in ${lucideName}.svg`);
  return inner.replace(/\s*\n\s*/g, "").replace(/\s*\/>/g, "/>");
}

/**
 * One SVG holding every icon as a nested <svg id>, of which only the one named in the URL's
 * fragment shows (`icons.svg#like`): the stylesheet paints each icon as a mask in the text's colour,
 * so an icon costs a page no markup and the browser one request for all of them.
 */
export function iconSprite(): string {
  const icon = (id: string, shapes: string, fill: string) =>
    `<svg id="${id}" viewBox="0 0 24 24" fill="${fill}" stroke="#000" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${shapes}</svg>`;
  const icons = [
    ...Object.entries(ICONS).map(([id, name]) => icon(id, shapesOf(name), "none")),
    ...Object.entries(FILLED).map(([id, outline]) => icon(id, shapesOf(ICONS[outline]), "#000")),
  ];
  return [
    `<!-- Icons from lucide-static ${lucideVersion()} (ISC licence, https://lucide.dev), written by scripts/vendor-assets.ts -->`,
    `<svg xmlns="http://www.w3.org/2000/svg"><style>svg>svg:not(:target){display:none}</style>`,
    ...icons,
    `</svg>`,
    "",
  ].join("\n");
}

/** The font files to serve, by the name they are served under (its version in it: cached for a year). */
export function fontFiles(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const subset of SUBSETS) {
    files.set(`inter-${subset}-${interVersion()}.woff2`, readFileSync(join(INTER, "files", `inter-${subset}-wght-normal.woff2`)));
  }
  return files;
}

/** What differs between the committed copies and the installed packages, one line each. */
export function staleAssets(): string[] {
  const stale: string[] = [];
  if (readFileSync(SPRITE, "utf8") !== iconSprite()) stale.push("public/img/icons.svg");
  const expected = fontFiles();
  const present = readdirSync(FONTS).filter((name) => name.endsWith(".woff2"));
  for (const name of present) if (!expected.has(name)) stale.push(`public/fonts/${name} (no longer served)`);
  for (const [name, content] of expected) {
    if (!present.includes(name) || !readFileSync(join(FONTS, name)).equals(content)) stale.push(`public/fonts/${name}`);
  }
  return stale;
}

function write(): void {
  writeFileSync(SPRITE, iconSprite());
  for (const name of readdirSync(FONTS).filter((file) => file.endsWith(".woff2"))) rmSync(join(FONTS, name));
  for (const [name, content] of fontFiles()) writeFileSync(join(FONTS, name), content);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  if (process.argv.includes("--check")) {
    const stale = staleAssets();
    if (stale.length > 0) {
      console.error(`Out of date (run npm run assets):\n  ${stale.join("\n  ")}`);
      process.exit(1);
    }
  } else {
    write();
  }
}
