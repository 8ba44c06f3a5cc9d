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
import { playQueueQuery, playQueueSchema, toPlayQueue, type PlayQueue } from "./play-queue";

/**
 * A typed Plex Media Server client bound to one connection and one token. The token decides what
 * the server shows: a shared or managed user's own token makes Plex apply their restrictions.
 */
export interface PmsOptions {
  baseUrl: string;
  token: string;
  identity: PlexIdentity;
  timeoutMs: number;
  /**
   * Called when the server cannot be reached at baseUrl (relay addresses change, a LAN address
   * stops answering): another address to use from now on, or undefined. The call is tried once
   * more at the new address.
   */
  reconnect?: () => Promise<string | undefined>;
}

/**
 * Every library call names a page (PMS warns that calls without X-Plex-Container-Size "will fail
 * with status code 400 in the future", PLEX_API.md 7.4). Lists of sections and filter values are
 * short; this bounds them all the same.
 */
export const DIRECTORY_PAGE_SIZE = 1000;

const page = (start: number, size: number) => ({ "X-Plex-Container-Start": String(start), "X-Plex-Container-Size": String(size) });

/** Whether a failure means the address did not answer at all (not an answer we did not like). */
const noAnswer = (error: unknown) => error instanceof PlexError && error.kind === "unreachable" && error.info.status === undefined;

export interface MoviePage {
  items: PlexMovie[];
  totalSize: number;
  offset: number;
}

export function createPmsClient(opts: PmsOptions) {
  let baseUrl = opts.baseUrl;
  /** Runs a request at the current address; if nothing answers there, once more at a new one. */
  const atServer = async <T>(run: (baseUrl: string) => Promise<T>): Promise<T> => {
    const tried = baseUrl;
    try {
      return await run(tried);
    } catch (error) {
      if (!opts.reconnect || !noAnswer(error)) throw error;
      const next = await opts.reconnect().catch(() => undefined);
      if (!next || next === tried) throw error;
      baseUrl = next;
      return run(next);
    }
  };
  const call = <T>(path: string, schema: z.ZodType<T>, query: Record<string, string | number | undefined> | undefined, headers: Record<string, string>, method: "GET" | "POST" = "GET") =>
    atServer((base) => plexRequest({ baseUrl: base, method, identity: opts.identity, token: opts.token, timeoutMs: opts.timeoutMs, service: "the Plex server", path, schema, query, headers }));

  return {
    get baseUrl() {
      return baseUrl;
    },
    listSections: async (): Promise<LibrarySection[]> => (await call("/library/sections", sectionsSchema, undefined, page(0, DIRECTORY_PAGE_SIZE))).data.MediaContainer.Directory,
    /**
     * One page of a section's movies. `filters` are Plex's own query parameters (genre=, year>>=,
     * contentRating=, unwatched=1, ...), so the server does the filtering.
     */
    async listMovies(sectionId: string, range: { start: number; size: number; filters?: Record<string, string>; sort?: string }): Promise<MoviePage> {
      const { data } = await call(
        `/library/sections/${encodeURIComponent(sectionId)}/all`,
        moviePageSchema,
        { type: 1, sort: range.sort, ...range.filters },
        page(range.start, range.size),
      );
      const mc = data.MediaContainer;
      return { items: mc.Metadata, totalSize: mc.totalSize ?? mc.size ?? mc.Metadata.length, offset: mc.offset ?? range.start };
    },
    async getMovies(ratingKeys: string[]): Promise<PlexMovie[]> {
      if (!ratingKeys.length) return [];
      const { data } = await call(
        `/library/metadata/${ratingKeys.map(encodeURIComponent).join(",")}`,
        z.object({ MediaContainer: z.object({ Metadata: z.array(movieSchema).optional().default([]) }) }),
        undefined,
        page(0, ratingKeys.length),
      );
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
    /** A play queue of one film (PLEX_API.md 7.10); not_found when this token may not see it. */
    createPlayQueue: async (options: { machineIdentifier: string; ratingKey: string }): Promise<PlayQueue> =>
      toPlayQueue((await call("/playQueues", playQueueSchema, playQueueQuery(options), {}, "POST")).data),
    listGenres: async (sectionId: string) =>
      (await call(`/library/sections/${encodeURIComponent(sectionId)}/genre`, directoryValuesSchema, undefined, page(0, DIRECTORY_PAGE_SIZE))).data.MediaContainer.Directory,
    listContentRatings: async (sectionId: string) =>
      (await call(`/library/sections/${encodeURIComponent(sectionId)}/contentRating`, directoryValuesSchema, undefined, page(0, DIRECTORY_PAGE_SIZE))).data.MediaContainer.Directory,
    /** Fetches a poster from the photo transcoder at an exact size; the caller streams or caches it. */
    async fetchPoster(thumbPath: string, width: number, height: number): Promise<{ body: ArrayBuffer; contentType: string }> {
      const res = await atServer(async (base) => {
        const url = buildUrl(base, "/photo/:/transcode", { url: thumbPath, width, height, minSize: 1, upscale: 1 });
        try {
          return await fetch(url, { headers: { ...plexHeaders(opts.identity, opts.token), Accept: "image/*" }, signal: AbortSignal.timeout(opts.timeoutMs) });
        } catch {
          throw new PlexError("unreachable", "The Plex server cannot be reached.", { url: url.origin });
        }
      });
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
