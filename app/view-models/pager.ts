import { encodeCursor, type Page, type PageRequest } from "../domain/page.js";

/** The links under a keyset page (views/partials/pager.eta). */
export interface PagerView {
  newerUrl?: string;
  olderUrl?: string;
  /** Set on an empty page reached through a link: the way back to the newest items. */
  firstPageUrl?: string;
}

/** The address of the page `request` asks for on `path`. */
export function pageUrl(path: string, request: PageRequest): string {
  if (request.kind === "first") return path;
  return `${path}?${request.kind === "older" ? "before" : "after"}=${encodeCursor(request.cursor)}`;
}

/** "Newer" and "Older" links that stay on `path`, the page's own address. */
export function pagerView(page: Page<unknown>, path: string, request: PageRequest): PagerView {
  return {
    newerUrl: page.newer ? `${path}?after=${encodeCursor(page.newer)}` : undefined,
    olderUrl: page.older ? `${path}?before=${encodeCursor(page.older)}` : undefined,
    firstPageUrl: page.items.length === 0 && request.kind !== "first" ? path : undefined,
  };
}
