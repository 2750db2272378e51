import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/** The folder holding package.json, found the same way from app/ (tsx) and from dist/app/ (built). */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json above ${from}`);
  }
}

export const projectRoot = findProjectRoot(import.meta.dirname);
