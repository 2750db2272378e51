import type { FastifyInstance } from "fastify";
import { LARGEST_ID } from "../domain/page.js";
import { IDENTICON_VERSION, banner, identicon } from "../view-models/identicon.js";

/** An avatar (`12.svg`) or a profile's banner in the avatar's colour (`12-banner.svg`). */
const AVATAR_FILE = /^([1-9]\d{0,9})(-banner)?\.svg$/;

/** Whether an If-None-Match header (a list, tags maybe weak) names the tag. */
function matches(header: string | undefined, etag: string): boolean {
  return header !== undefined && header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

/**
 * Avatars and profile banners: drawn from the id alone, so serving one reads no database (an id no one has gets a
 * picture too, which tells nothing). The URL carries the drawing's version, so the picture is cached
 * for a year and a new drawing gets new URLs.
 */
export default async function avatarRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { version: string; file: string } }>("/avatar/:version/:file", async (request, reply) => {
    const file = AVATAR_FILE.exec(request.params.file);
    const id = Number(file?.[1] ?? NaN);
    if (request.params.version !== `v${IDENTICON_VERSION}` || !(id <= LARGEST_ID)) return reply.callNotFound();
    const isBanner = file?.[2] !== undefined;
    const etag = `"${request.params.version}-${id}${isBanner ? "-banner" : ""}"`;
    reply
      .header("content-type", "image/svg+xml")
      .header("cache-control", "public, max-age=31536000, immutable")
      .header("etag", etag);
    if (matches(request.headers["if-none-match"], etag)) return reply.code(304).send();
    return reply.send(isBanner ? banner(id) : identicon(id));
  });
}
