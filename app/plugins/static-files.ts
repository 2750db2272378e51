import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { transformSync } from "esbuild";
import fastifyStatic from "@fastify/static";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { projectRoot } from "../paths.js";
import { PUBLIC, publicFiles, publicVersion } from "./public-files.js";

/** Where the compressed copies of public/ are kept, a folder per version of its files. */
const PRECOMPRESSED = join(projectRoot, "data", "static");

/** Half-made copies that a process killed while making them left behind (older than a minute). */
function forgetAbandonedCopies(): void {
  if (!existsSync(PRECOMPRESSED)) return;
  for (const name of readdirSync(PRECOMPRESSED)) {
    const path = join(PRECOMPRESSED, name);
    if (name.endsWith(".tmp") && Date.now() - statSync(path).mtimeMs > 60_000) rmSync(path, { recursive: true, force: true });
  }
}

/** A stylesheet or script as it is sent: minified, so that comments written for people cost readers nothing. */
export function minified(file: string, content: Buffer): Buffer {
  const loader = file.endsWith(".css") ? "css" : file.endsWith(".js") ? "js" : undefined;
  if (!loader) return content;
  return Buffer.from(transformSync(content.toString("utf8"), { loader, minify: true, legalComments: "none" }).code);
}

/**
 * public/ copied into data/static/<its version>/, stylesheets and scripts minified, with a
 * gzip and a brotli copy beside each file, made once per version of the files (at the first start
 * that needs it; another process starting at the same moment makes the same folder, and the first
 * to finish keeps it). Returns that folder. Older versions are left for processes that may still
 * be serving them.
 */
function precompressedCopy(): string {
  const files = publicFiles();
  const folder = join(PRECOMPRESSED, publicVersion());
  if (existsSync(folder)) return folder;
  forgetAbandonedCopies();
  const scratch = `${folder}.${randomBytes(4).toString("hex")}.tmp`;
  for (const file of files) {
    const content = minified(file, readFileSync(join(PUBLIC, file)));
    mkdirSync(dirname(join(scratch, file)), { recursive: true });
    writeFileSync(join(scratch, file), content);
    // A font is compressed already (woff2): it is sent as it is.
    if (file.endsWith(".woff2")) continue;
    writeFileSync(join(scratch, `${file}.gz`), gzipSync(content, { level: 9 }));
    writeFileSync(join(scratch, `${file}.br`), brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }));
  }
  try {
    renameSync(scratch, folder);
  } catch (error) {
    // Another process made it first: theirs is the same.
    rmSync(scratch, { recursive: true, force: true });
    if (!existsSync(folder)) throw error;
  }
  return folder;
}

/**
 * The folder to serve: in development public/ itself, as written and compressed as it is sent, so
 * an edited stylesheet shows at the next reload; otherwise the minified, precompressed copy, so that
 * no request compresses a file (which would take libuv's thread pool and the CPU at every request).
 * A copy that cannot be written (a read-only folder) falls back to public/.
 */
function servedFolder(development: boolean, log: FastifyBaseLogger): { root: string; preCompressed: boolean } {
  if (development) return { root: PUBLIC, preCompressed: false };
  try {
    return { root: precompressedCopy(), preCompressed: true };
  } catch (error) {
    log.warn({ err: error }, `static files are compressed as they are sent: ${PRECOMPRESSED} could not be written`);
    return { root: PUBLIC, preCompressed: false };
  }
}

/** A font's name carries its version (scripts/vendor-assets.ts): a new font is a new URL. */
const YEAR = "public, max-age=31536000, immutable";

/**
 * public/ at /static/, cacheable for a day (pages ask for the version they were made with: `?v=`),
 * the fonts for a year.
 */
async function staticFilesPlugin(app: FastifyInstance, { development }: { development: boolean }): Promise<void> {
  await app.register(fastifyStatic, {
    ...servedFolder(development, app.log),
    prefix: "/static/",
    maxAge: "1d",
    index: false,
    setHeaders: (reply, path) => {
      if (path.endsWith(".woff2")) reply.header("cache-control", YEAR);
    },
    // The compressed copies are sent in place of their file, never asked for by name.
    allowedPath: (path) => !/\.(br|gz)$/.test(path),
  });
}

export default fp(staticFilesPlugin, { name: "jot-static-files" });
