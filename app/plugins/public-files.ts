import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../paths.js";

/** The stylesheet, the script and the images, served at /static/. */
export const PUBLIC = join(projectRoot, "public");

/** The files in public/, by path within it, in a stable order. */
export function publicFiles(): string[] {
  return readdirSync(PUBLIC, { recursive: true, encoding: "utf8" })
    .filter((file) => statSync(join(PUBLIC, file)).isFile())
    .sort();
}

let version: string | undefined;

/**
 * A digest of public/'s names and contents, read once per process. Pages ask for the stylesheet and
 * the script with it (`?v=`): browsers keep them for a day, and a deploy that changes either must
 * not leave a day of pages running the old script against new markup.
 */
export function publicVersion(): string {
  if (version === undefined) {
    const digest = createHash("sha256");
    for (const file of publicFiles()) digest.update(file).update("\0").update(readFileSync(join(PUBLIC, file))).update("\0");
    version = digest.digest("hex").slice(0, 16);
  }
  return version;
}
