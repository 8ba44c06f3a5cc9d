import { PlexError } from "./errors";
import { buildUrl, plexHeaders, plexRequest, type PlexIdentity } from "./http";
import {
  directoryValuesSchema,
  identitySchema,
  moviePageSchema,
  movieSchema,
  sectionsSchema,
  type LibrarySection,
  type PlexMovie,
} from "./schemas";
import { z } from "zod";

/**
 * A typed Plex Media Server client bound to one connection and one token. The token decides what
 * the server shows: a shared or managed user's own token makes Plex apply their restrictions.
 */
export interface PmsOptions {
  baseUrl: string;
  token: string;
  identity: PlexIdentity;
  timeoutMs: number;
}

export interface MoviePage {
  items: PlexMovie[];
  totalSize: number;
  offset: number;
}

export function createPmsClient(opts: PmsOptions) {
  const call = <T>(path: string, schema: z.ZodType<T>, query?: Record<string, string | number | undefined>, headers?: Record<string, string>) =>
    plexRequest({ baseUrl: opts.baseUrl, identity: opts.identity, token: opts.token, timeoutMs: opts.timeoutMs, service: "the Plex server", path, schema, query, headers });

  return {
    baseUrl: opts.baseUrl,
    listSections: async (): Promise<LibrarySection[]> => (await call("/library/sections", sectionsSchema)).data.MediaContainer.Directory,
    /**
     * One page of a section's movies. `filters` are Plex's own query parameters (genre=, year>>=,
     * contentRating=, unwatched=1, ...), so the server does the filtering.
     */
    async listMovies(sectionId: string, page: { start: number; size: number; filters?: Record<string, string>; sort?: string }): Promise<MoviePage> {
      const { data } = await call(
        `/library/sections/${encodeURIComponent(sectionId)}/all`,
        moviePageSchema,
        { type: 1, sort: page.sort, ...page.filters },
        { "X-Plex-Container-Start": String(page.start), "X-Plex-Container-Size": String(page.size) },
      );
      const mc = data.MediaContainer;
      return { items: mc.Metadata, totalSize: mc.totalSize ?? mc.size ?? mc.Metadata.length, offset: mc.offset ?? page.start };
    },
    async getMovies(ratingKeys: string[]): Promise<PlexMovie[]> {
      if (!ratingKeys.length) return [];
      const { data } = await call(`/library/metadata/${ratingKeys.map(encodeURIComponent).join(",")}`, z.object({ MediaContainer: z.object({ Metadata: z.array(movieSchema).optional().default([]) }) }));
      return data.MediaContainer.Metadata;
    },
    async getMovie(ratingKey: string): Promise<PlexMovie | undefined> {
      try {
        return (await this.getMovies([ratingKey]))[0];
      } catch (error) {
        if (error instanceof PlexError && error.kind === "not_found") return undefined;
        throw error;
      }
    },
    listGenres: async (sectionId: string) => (await call(`/library/sections/${encodeURIComponent(sectionId)}/genre`, directoryValuesSchema)).data.MediaContainer.Directory,
    listContentRatings: async (sectionId: string) =>
      (await call(`/library/sections/${encodeURIComponent(sectionId)}/contentRating`, directoryValuesSchema)).data.MediaContainer.Directory,
    /** Fetches a poster from the photo transcoder at an exact size; the caller streams or caches it. */
    async fetchPoster(thumbPath: string, width: number, height: number): Promise<{ body: ArrayBuffer; contentType: string }> {
      const url = buildUrl(opts.baseUrl, "/photo/:/transcode", { url: thumbPath, width, height, minSize: 1, upscale: 1 });
      let res: Response;
      try {
        res = await fetch(url, { headers: { ...plexHeaders(opts.identity, opts.token), Accept: "image/*" }, signal: AbortSignal.timeout(opts.timeoutMs) });
      } catch {
        throw new PlexError("unreachable", "The Plex server cannot be reached.", { url: url.origin });
      }
      if (res.status === 404) throw new PlexError("not_found", "Poster not found.", { status: 404 });
      if (!res.ok) throw new PlexError(res.status >= 500 ? "unreachable" : "refused", `The Plex server answered HTTP ${res.status} for a poster.`, { status: res.status });
      return { body: await res.arrayBuffer(), contentType: res.headers.get("content-type") ?? "image/jpeg" };
    },
  };
}

export type PmsClient = ReturnType<typeof createPmsClient>;

/** The machine identifier a server reports at /identity (no token needed). */
export async function fetchIdentity(baseUrl: string, identity: PlexIdentity, timeoutMs: number): Promise<string> {
  const { data } = await plexRequest({ baseUrl, path: "/identity", identity, timeoutMs, schema: identitySchema, service: "the Plex server" });
  return data.MediaContainer.machineIdentifier;
}
