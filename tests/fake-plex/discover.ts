/**
 * Fake discover provider (PLEX_API.md 7.11): watchlists per plex.tv account. Only account tokens
 * are accepted (a server token of a shared user, or none, gets plex.tv's 401). Films are known by
 * the last segment of their `plex://movie/{id}` guid; `local://` films are not in Plex's catalogue.
 */
import type { ServerResponse } from "node:http";
import { type FakeRequest, sendJson, sendText } from "./http-util";
import type { Library, LibraryItem } from "./library";
import type { PlexState } from "./state";
import { toXml } from "./xml";

export interface DiscoverContext {
  state: PlexState;
  library: Library;
}

const IDENTIFIER = "tv.plex.provider.discover";
/** UNCERTAIN (README): the page size when the client names none. */
const DEFAULT_PAGE_SIZE = 20;

function sendError(r: FakeRequest, res: ServerResponse, status: number, code: number, message: string): void {
  const body = { errors: [{ code, message, status }] };
  if (r.wantsJson) sendJson(res, status, body);
  else sendText(res, status, "application/xml; charset=utf-8", `<errors><error code="${code}" message="${message}" status="${status}"/></errors>\n`);
}

function sendContainer(r: FakeRequest, res: ServerResponse, container: Record<string, unknown>, headers: Record<string, string> = {}): void {
  if (r.wantsJson) sendJson(res, 200, { MediaContainer: container }, headers);
  else sendText(res, 200, "application/xml; charset=utf-8", toXml("MediaContainer", container, { style: "pms" }), headers);
}

export function createDiscoverHandler(ctx: DiscoverContext) {
  const { state, library } = ctx;
  let byId: Map<string, LibraryItem> | undefined;
  /** The catalogue: every film of the library with a plex:// guid (built on first use). */
  const catalogue = () => {
    if (!byId) {
      byId = new Map();
      for (const item of [...library.films, ...library.documentaries]) {
        const id = /^plex:\/\/movie\/([0-9a-f]+)$/.exec(library.details(item).guid)?.[1];
        if (id) byId.set(id, item);
      }
    }
    return byId;
  };
  const entry = (id: string, item: LibraryItem, watchlistedAt: number | undefined) => ({
    ratingKey: id,
    key: `/library/metadata/${id}`,
    guid: `plex://movie/${id}`,
    type: "movie",
    title: item.title,
    year: item.year,
    ...(watchlistedAt ? { watchlistedAt } : {}),
  });

  return function handle(r: FakeRequest, res: ServerResponse): void {
    const account = state.accountForToken(r.plexParam("X-Plex-Token"));
    if (!account) return sendError(r, res, 401, 1001, "User could not be authenticated");
    const list = state.watchlistOf(account.id);

    const action = /^\/actions\/(addToWatchlist|removeFromWatchlist)$/.exec(r.path)?.[1];
    if (action) {
      if (r.method !== "PUT") return sendError(r, res, 405, 1000, "Method not allowed");
      const id = r.query.get("ratingKey") ?? "";
      // UNCERTAIN (README): the status for an id Plex does not know.
      if (!catalogue().has(id)) return sendError(r, res, 404, 1002, "Not Found");
      if (action === "addToWatchlist") {
        if (!list.has(id)) list.set(id, Math.floor(Date.now() / 1000));
      } else {
        list.delete(id);
      }
      sendContainer(r, res, { size: 0, identifier: IDENTIFIER });
      return;
    }

    if (r.method === "GET" && /^\/library\/sections\/watchlist\/(all|available|released)$/.test(r.path)) {
      const start = Number(r.plexParam("X-Plex-Container-Start") ?? 0) || 0;
      const sizeParam = r.plexParam("X-Plex-Container-Size");
      const size = sizeParam === undefined ? DEFAULT_PAGE_SIZE : Math.max(0, Number(sizeParam) || 0);
      const all = [...list].sort((a, b) => b[1] - a[1]).flatMap(([id, at]) => {
        const item = catalogue().get(id);
        return item ? [entry(id, item, at)] : [];
      });
      const pageItems = all.slice(start, start + size);
      sendContainer(
        r,
        res,
        { librarySectionID: "watchlist", librarySectionTitle: "Watchlist", identifier: IDENTIFIER, offset: start, size: pageItems.length, totalSize: all.length, Metadata: pageItems },
        { "X-Plex-Container-Start": String(start), "X-Plex-Container-Total-Size": String(all.length) },
      );
      return;
    }

    const state1 = /^\/library\/metadata\/([0-9a-f]+)\/userState$/.exec(r.path);
    if (r.method === "GET" && state1) {
      const id = state1[1] ?? "";
      if (!catalogue().has(id)) return sendError(r, res, 404, 1002, "Not Found");
      const at = list.get(id);
      sendContainer(r, res, { size: 1, identifier: IDENTIFIER, UserState: [{ ratingKey: id, type: "movie", ...(at ? { watchlistedAt: at } : {}) }] });
      return;
    }
    sendError(r, res, 404, 1002, "Not Found");
  };
}

/** Body for a forced-status fault on the discover provider: plex.tv's error envelope. */
export function discoverFaultResponse(r: FakeRequest, res: ServerResponse, status: number): void {
  sendError(r, res, status, status === 429 ? 1003 : status, status === 429 ? "API rate limit exceeded" : "Error");
}
