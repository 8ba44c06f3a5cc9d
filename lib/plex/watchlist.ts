import { z } from "zod";
import { plexRequest, type PlexIdentity } from "./http";

/**
 * A person's Plex watchlist on Plex's discover provider (PLEX_API.md 7.11), with their own plex.tv
 * account token (never a server token: the provider refuses those). Films are known there by the
 * last segment of their `plex://movie/{id}` guid.
 */
export interface WatchlistOptions {
  baseUrl: string;
  identity: PlexIdentity;
  timeoutMs: number;
}

/** The discover id of a film, or null when it has none (a `local://` guid: Plex's agent did not match it). */
export function discoverIdOf(guid: string | undefined): string | null {
  return /^plex:\/\/movie\/([A-Za-z0-9]+)$/.exec(guid ?? "")?.[1] ?? null;
}

const pageSchema = z.object({
  MediaContainer: z.object({
    totalSize: z.number().optional(),
    size: z.number().optional(),
    Metadata: z.array(z.object({ ratingKey: z.union([z.string(), z.number()]).transform(String).optional(), guid: z.string().optional() })).optional().default([]),
  }),
});

const PAGE_SIZE = 100;
/** A watchlist longer than this is read only this far (the match list asks about a room's few films). */
const MAX_ITEMS = 2_000;

export function createWatchlistClient(opts: WatchlistOptions) {
  const call = <T>(path: string, schema: z.ZodType<T>, extra: { method?: "GET" | "PUT"; token: string; query?: Record<string, string | number>; headers?: Record<string, string> }) =>
    plexRequest({ baseUrl: opts.baseUrl, identity: opts.identity, timeoutMs: opts.timeoutMs, service: "Plex's watchlist service", path, schema, ...extra }).then((r) => r.data);

  return {
    add: async (token: string, id: string): Promise<void> => {
      await call("/actions/addToWatchlist", z.unknown(), { method: "PUT", token, query: { ratingKey: id } });
    },
    remove: async (token: string, id: string): Promise<void> => {
      await call("/actions/removeFromWatchlist", z.unknown(), { method: "PUT", token, query: { ratingKey: id } });
    },
    /** The discover ids on the watchlist, read page by page. */
    async listIds(token: string): Promise<Set<string>> {
      const ids = new Set<string>();
      for (let start = 0; start < MAX_ITEMS; start += PAGE_SIZE) {
        const page = await call("/library/sections/watchlist/all", pageSchema, {
          token,
          query: { includeCollections: 1, includeExternalMedia: 1 },
          headers: { "X-Plex-Container-Start": String(start), "X-Plex-Container-Size": String(PAGE_SIZE) },
        });
        for (const item of page.MediaContainer.Metadata) {
          const id = discoverIdOf(item.guid) ?? item.ratingKey;
          if (id) ids.add(id);
        }
        const total = page.MediaContainer.totalSize ?? 0;
        if (page.MediaContainer.Metadata.length < PAGE_SIZE || start + PAGE_SIZE >= total) break;
      }
      return ids;
    },
  };
}

export type WatchlistClient = ReturnType<typeof createWatchlistClient>;
