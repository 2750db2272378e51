// The README and docs/ as a newcomer follows them: every link leads to a file that exists and to a
// heading that is there, every path of the project they name exists, and the README stays short.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../app/paths.js";

const DOCS = [
  "README.md",
  ...readdirSync(join(projectRoot, "docs"), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".md"))
    .map((file) => join("docs", file)),
].sort();

/** The text outside fenced code blocks, where links and paths are meant as such. */
function prose(markdown: string): string {
  return markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, "");
}

/** GitHub's anchor for each heading of a file: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of prose(markdown).matchAll(/^#{1,6} +(.+?) *#* *$/gm)) {
    const slug = heading!
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** Where each of a file's links points, when it points inside the project: the file (or folder) and the anchor. */
function localLinks(file: string): { target: string; path: string; anchor?: string }[] {
  const text = prose(readFileSync(join(projectRoot, file), "utf8")).replace(/`[^`\n]*`/g, "");
  return [...text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!)
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target))
    .map((target) => {
      const [path, anchor] = target.split("#", 2) as [string, string | undefined];
      return { target, path: path === "" ? file : relative(projectRoot, resolve(projectRoot, dirname(file), path)), anchor };
    });
}

/** The project's own paths a file names in backticks (`app/…`, `tests/…`, `deploy/…`), placeholders aside. */
function namedPaths(file: string): string[] {
  const text = prose(readFileSync(join(projectRoot, file), "utf8"));
  return [...text.matchAll(/`((?:app|tests|scripts|deploy|docs|prisma|views|public)\/[^`\s]*)`/g)]
    .map((match) => match[1]!)
    .filter((path) => !/[<>*:{}]|\.\.\./.test(path));
}

describe("the README and docs/", () => {
  it("keep the README under 200 lines", () => {
    const lines = readFileSync(join(projectRoot, "README.md"), "utf8").split("\n").length;
    expect(lines).toBeLessThanOrEqual(200);
  });

  it.each(DOCS)("%s links only to files and headings that exist", (file) => {
    const broken = localLinks(file).filter(({ path, anchor }) => {
      const absolute = join(projectRoot, path);
      if (!existsSync(absolute)) return true;
      if (anchor === undefined) return false;
      return statSync(absolute).isDirectory() || !anchorsOf(readFileSync(absolute, "utf8")).has(anchor);
    });
    expect(broken.map(({ target }) => target)).toEqual([]);
  });

  it.each(DOCS)("%s names only paths of the project that exist", (file) => {
    expect(namedPaths(file).filter((path) => !existsSync(join(projectRoot, path)))).toEqual([]);
  });

  it("link every document from the README or from a document it links", () => {
    const reached = new Set(["README.md"]);
    const queue = ["README.md"];
    while (queue.length > 0) {
      for (const { path } of localLinks(queue.shift()!)) {
        const targets = existsSync(join(projectRoot, path)) && statSync(join(projectRoot, path)).isDirectory()
          ? DOCS.filter((doc) => dirname(doc) === path)
          : [path];
        for (const target of targets) {
          if (target.endsWith(".md") && !reached.has(target)) {
            reached.add(target);
            queue.push(target);
          }
        }
      }
    }
    expect(DOCS.filter((doc) => !reached.has(doc))).toEqual([]);
  });
});
