/**
 * Fake Plex Media Server (PLEX_API.md section 7): identity, server info, sections, media queries
 * with per-token share restrictions, metadata, images and the photo transcoder.
 */
import type { ServerResponse } from "node:http";
import { FIXTURES } from "./fixtures";
import { buildQueryPredicate, QueryError, type ItemPredicate } from "./filters";
import { type FakeRequest, sendJson, sendText, STATUS_TEXT } from "./http-util";
import { drawPoster, encodeImage, posterBlurColors, type ImageCache, type ImageFormat } from "./images";
import { RESOLUTION_SIZE, SORT_KEYS, type Library, type LibraryItem, type LibrarySectionInfo, type SortKey } from "./library";
import { canSee, canSeeSection, type FakePlayQueue, type PlexState, type ServerAccess } from "./state";
import { runPlayMedia, sendResponse as sendPlayerResponse } from "./player";
import { toXml } from "./xml";

/** Body of a PMS 401 (samples/pms-401.html): HTML, not JSON. */
export const PMS_401_HTML = "<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized</h1></body></html>\n";

export function pmsHtmlError(res: ServerResponse, status: number): void {
  const text = STATUS_TEXT[status] ?? "Error";
  const body = status === 401 ? PMS_401_HTML : `<html><head><title>${text}</title></head><body><h1>${status} ${text}</h1></body></html>\n`;
  sendText(res, status, "text/html", body);
}

export interface PmsContext {
  state: PlexState;
  library: Library;
  images: ImageCache;
  url: () => string;
}

const MEDIA_TAG_PREFIX = "/system/bundle/media/flags/";
const MEDIA_TAG_VERSION = 1740000000;
const POSTER_SIZE = { width: 600, height: 900 };
const ART_SIZE = { width: 960, height: 540 };
const MAX_TRANSCODE_SIDE = 4000;

function sendContainer(r: FakeRequest, res: ServerResponse, container: Record<string, unknown>, headers: Record<string, string> = {}): void {
  if (r.wantsJson) sendJson(res, 200, { MediaContainer: container }, headers);
  else sendText(res, 200, "application/xml; charset=utf-8", toXml("MediaContainer", container, { style: "pms" }), headers);
}

const sectionPrimaryType = (s: LibrarySectionInfo) => (s.type === "movie" ? 1 : 2);

function parseIntParam(v: string | undefined): number | undefined {
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

interface SortSpec {
  key: SortKey | "random";
  desc: boolean;
}

function parseSort(raw: string | null): SortSpec[] {
  if (!raw) return [];
  return raw.split(",").map((part) => {
    const [key = "", ...mods] = part.split(":");
    if (key !== "random" && !(SORT_KEYS as readonly string[]).includes(key)) throw new QueryError(`unknown sort ${key}`);
    return { key: key as SortKey | "random", desc: mods.includes("desc") };
  });
}

export function createPmsHandler(ctx: PmsContext) {
  const { state, library } = ctx;
  const sortValue = (it: LibraryItem, key: SortKey): number | string => {
    switch (key) {
      case "titleSort":
        return it.sortTitle;
      case "title":
        return it.title.toLowerCase();
      case "originallyAvailableAt":
        return it.releasedAt;
      case "mediaHeight":
        return RESOLUTION_SIZE[it.resolution].height;
      default:
        return it[key];
    }
  };

  function watch(access: ServerAccess, item: LibraryItem) {
    return library.watchState(item, access.account.id, access.account.watchedShare);
  }

  function tagList(tags: readonly { id: number; tag: string }[], filter: string, detail: boolean) {
    return tags.map((t) => (detail ? { id: t.id, filter: `${filter}=${t.id}`, tag: t.tag } : { tag: t.tag }));
  }

  function itemJson(item: LibraryItem, access: ServerAccess, opts: { detail: boolean; includeGuids: boolean }): Record<string, unknown> {
    const d = library.details(item);
    const section = library.section(item.sectionKey);
    const w = watch(access, item);
    const base: Record<string, unknown> = {
      ratingKey: item.ratingKey,
      key: item.type === "show" ? `/library/metadata/${item.ratingKey}/children` : `/library/metadata/${item.ratingKey}`,
      guid: d.guid,
      slug: d.slug,
      studio: item.studio,
      type: item.type,
      title: item.title,
    };
    if (item.titleSort !== item.title) base.titleSort = item.titleSort;
    if (opts.detail && section) {
      base.librarySectionTitle = section.title;
      base.librarySectionID = Number(section.key);
      base.librarySectionKey = `/library/sections/${section.key}`;
    }
    // Personal media (home videos) has no content rating; Plex leaves the field out.
    if (item.contentRating) base.contentRating = item.contentRating;
    Object.assign(base, {
      summary: d.summary,
      ...(item.criticRated ? { rating: item.rating } : {}),
      audienceRating: item.audienceRating,
    });
    // viewCount/viewOffset/lastViewedAt are absent unless the token's user has watch state.
    if (w.viewCount > 0) base.viewCount = w.viewCount;
    if (w.viewOffset !== null) base.viewOffset = w.viewOffset;
    if (w.lastViewedAt !== null) base.lastViewedAt = w.lastViewedAt;
    Object.assign(base, {
      year: item.year,
      tagline: d.tagline,
      thumb: `/library/metadata/${item.ratingKey}/thumb/${item.addedAt}`,
      art: `/library/metadata/${item.ratingKey}/art/${item.addedAt}`,
      UltraBlurColors: posterBlurColors(item.seed),
      duration: item.duration,
      originallyAvailableAt: item.originallyAvailableAt,
      addedAt: item.addedAt,
      updatedAt: item.updatedAt,
    });
    // PLEX_API.md §7.6: Rotten Tomatoes libraries fill both ratings; IMDb-rated ones only the audience rating.
    if (item.criticRated) {
      base.audienceRatingImage = item.audienceRating >= 6 ? "rottentomatoes://image.rating.upright" : "rottentomatoes://image.rating.spilled";
      base.ratingImage = item.rating >= 6 ? "rottentomatoes://image.rating.ripe" : "rottentomatoes://image.rating.rotten";
    } else {
      base.audienceRatingImage = "imdb://image.rating";
    }
    if (item.type === "show") {
      base.index = 1;
      base.childCount = item.childCount;
      base.leafCount = item.leafCount;
      base.viewedLeafCount = w.viewCount > 0 ? item.leafCount : 0;
    } else {
      const size = RESOLUTION_SIZE[item.resolution];
      const mediaId = item.rk * 10;
      const file = `${section?.locationPath ?? "/data/films"}/${item.title} (${item.year})/${item.title} (${item.year}).mkv`;
      base.Media = [
        {
          id: mediaId,
          duration: item.duration,
          bitrate: size.bitrate,
          width: size.width,
          height: size.height,
          aspectRatio: 2.35,
          audioChannels: 6,
          audioCodec: "aac",
          videoCodec: item.resolution === "4k" ? "hevc" : "h264",
          videoResolution: item.resolution,
          container: "mkv",
          videoFrameRate: "24p",
          audioProfile: "lc",
          videoProfile: item.resolution === "4k" ? "main 10" : "high",
          Part: [
            {
              id: mediaId,
              key: `/library/parts/${mediaId}/${item.addedAt}/file.mkv`,
              duration: item.duration,
              file,
              size: Math.round((size.bitrate * 1000 * item.duration) / 8000),
              audioProfile: "lc",
              container: "mkv",
              videoProfile: item.resolution === "4k" ? "main 10" : "high",
            },
          ],
        },
      ];
    }
    base.Genre = tagList(item.genres, "genre", opts.detail);
    base.Country = opts.detail ? d.countries.map((c) => ({ id: c.id, filter: `country=${c.id}`, tag: c.tag })) : d.countries.map((c) => ({ tag: c.tag }));
    if (opts.detail || opts.includeGuids) base.Guid = [{ id: `imdb://${d.imdbId}` }, { id: `tmdb://${d.tmdbId}` }];
    if (opts.detail) {
      base.Rating = [
        { image: "imdb://image.rating", value: item.audienceRating, type: "audience" },
        ...(item.criticRated ? [{ image: base.ratingImage, value: item.rating, type: "critic" }] : []),
      ];
      base.Director = d.directors.map((p) => ({ id: p.id, filter: `director=${p.id}`, tag: p.tag, tagKey: p.tagKey }));
      base.Writer = d.writers.map((p) => ({ id: p.id, filter: `writer=${p.id}`, tag: p.tag, tagKey: p.tagKey }));
      base.Role = d.roles.map((p) => ({ id: p.id, filter: `actor=${p.id}`, tag: p.tag, tagKey: p.tagKey, role: p.role }));
      if (item.labels.length) base.Label = item.labels.map((l) => ({ id: l.id, filter: `label=${l.id}`, tag: l.tag }));
    } else {
      base.Director = d.directors.map((p) => ({ tag: p.tag }));
      base.Writer = d.writers.slice(0, 1).map((p) => ({ tag: p.tag }));
      base.Role = d.roles.slice(0, 3).map((p) => ({ tag: p.tag }));
      if (item.labels.length) base.Label = item.labels.map((l) => ({ tag: l.tag }));
    }
    return base;
  }

  function sectionDirectory(s: LibrarySectionInfo): Record<string, unknown> {
    return {
      allowSync: true,
      art: `/:/resources/${s.type}-fanart.jpg`,
      composite: `/library/sections/${s.key}/composite/1740844800`,
      filters: true,
      refreshing: false,
      thumb: `/:/resources/${s.type}.png`,
      key: s.key,
      type: s.type,
      title: s.title,
      agent: s.agent,
      scanner: s.scanner,
      language: "en-US",
      uuid: s.uuid,
      updatedAt: 1740844800,
      createdAt: s.createdAt,
      scannedAt: 1740844700,
      content: true,
      directory: true,
      contentChangedAt: 48213,
      hidden: 0,
      Location: [{ id: Number(s.key), path: s.locationPath }],
    };
  }

  function visibleSection(access: ServerAccess, key: string): LibrarySectionInfo | undefined {
    const s = library.section(key);
    return s && canSeeSection(access, s.key) ? s : undefined;
  }

  /*
   * Result cache: paging through one query repeats the same filter and sort, so the ordered list of
   * matching item indices is kept per (account, section, query without paging) for a short while.
   * A page of a cached query costs O(page size) even at 50,000 films. Random sorts are never cached
   * (each request reshuffles, like Plex).
   */
  const resultCache = new Map<string, { at: number; indices: Int32Array }>();
  let tieFlip = 0;
  const RESULT_TTL_MS = 30_000;
  const RESULT_CACHE_SIZE = 64;

  function matchingItems(
    access: ServerAccess,
    section: LibrarySectionInfo,
    items: LibraryItem[],
    sort: SortSpec[],
    allowed: (it: LibraryItem) => boolean,
    query: URLSearchParams,
  ): Int32Array {
    const random = sort.some((s) => s.key === "random");
    const params = [...query].filter(([k]) => !k.startsWith("X-Plex-") && k !== "limit").map(([k, v]) => `${k}=${v}`);
    const first = sort[0];
    const second = sort[1];
    // Plex promises no order among items whose sort keys are equal (PLEX_API.md §7.4 documents
    // only `sort=field[:desc][,field2…]`): with one key that is not a title, equal items come in
    // one order or the other from one request to the next. A second key `titleSort` orders them.
    const byTitle = (k: SortSpec | undefined) => k?.key === "titleSort" || k?.key === "title";
    const tiesReversed = sort.length <= 1 && !byTitle(first) && tieFlip++ % 2 === 1;
    const titleTieBreak = sort.length === 2 && second?.key === "titleSort" && !second.desc && first?.key !== "random";
    const cacheKey = `${access.account.id}|${section.key}|${items.length}|${tiesReversed}|${params.sort().join("&")}`;
    const now = Date.now();
    if (!random) {
      const hit = resultCache.get(cacheKey);
      if (hit && now - hit.at < RESULT_TTL_MS) {
        resultCache.delete(cacheKey);
        resultCache.set(cacheKey, hit);
        return hit.indices;
      }
    }
    let indices: Int32Array;
    if (items.length === 0) {
      indices = new Int32Array(0);
    } else if ((sort.length <= 1 && !random) || titleTieBreak) {
      const key = first?.key === "random" || !first ? "titleSort" : first.key;
      // Descending keys are read backwards, which also reverses the ties: ask for them reversed.
      const order = library.sortedIndices(section.key, key, titleTieBreak ? !!first?.desc : tiesReversed !== !!first?.desc);
      const out: number[] = [];
      if (first?.desc) {
        for (let i = order.length - 1; i >= 0; i--) if (allowed(items[order[i] ?? 0] as LibraryItem)) out.push(order[i] ?? 0);
      } else {
        for (let i = 0; i < order.length; i++) if (allowed(items[order[i] ?? 0] as LibraryItem)) out.push(order[i] ?? 0);
      }
      indices = Int32Array.from(out);
    } else if (sort.length === 1 && random) {
      // Fisher-Yates over the matching indices: O(n), a fresh order per request.
      const out: number[] = [];
      for (let i = 0; i < items.length; i++) if (allowed(items[i] as LibraryItem)) out.push(i);
      indices = Int32Array.from(out);
      for (let i = indices.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        const tmp = indices[i] as number;
        indices[i] = indices[j] as number;
        indices[j] = tmp;
      }
    } else {
      const matching = items.filter(allowed);
      const randoms = new Map<LibraryItem, number>();
      if (random) for (const it of matching) randoms.set(it, Math.random());
      matching.sort((a, b) => {
        for (const s of sort) {
          const va = s.key === "random" ? (randoms.get(a) ?? 0) : sortValue(a, s.key);
          const vb = s.key === "random" ? (randoms.get(b) ?? 0) : sortValue(b, s.key);
          if (va < vb) return s.desc ? 1 : -1;
          if (va > vb) return s.desc ? -1 : 1;
        }
        return a.sortTitle < b.sortTitle ? -1 : a.sortTitle > b.sortTitle ? 1 : 0;
      });
      indices = Int32Array.from(matching, (it) => it.index);
    }
    if (!random) {
      resultCache.set(cacheKey, { at: now, indices });
      for (const k of resultCache.keys()) {
        if (resultCache.size <= RESULT_CACHE_SIZE) break;
        resultCache.delete(k);
      }
    }
    return indices;
  }

  function listAll(r: FakeRequest, res: ServerResponse, access: ServerAccess, section: LibrarySectionInfo): void {
    let sort: SortSpec[];
    let preds: ItemPredicate[];
    try {
      sort = parseSort(r.query.get("sort"));
      preds = buildQueryPredicate(r.query, {
        genres: library.genres,
        labels: library.labels,
        now: Math.floor(Date.now() / 1000),
        viewCount: (it) => watch(access, it).viewCount,
        inProgress: (it) => watch(access, it).viewOffset !== null,
      });
    } catch (err) {
      if (err instanceof QueryError) {
        pmsHtmlError(res, 400);
        return;
      }
      throw err;
    }
    const typeParam = r.query.get("type");
    const items = typeParam && Number(typeParam) !== sectionPrimaryType(section) ? [] : section.items;
    // Share restrictions come first, so totalSize only counts what the token may see.
    const allowed = (it: LibraryItem): boolean => {
      if (!canSee(access, it)) return false;
      for (let i = 0; i < preds.length; i++) if (!(preds[i] as ItemPredicate)(it)) return false;
      return true;
    };

    const start = parseIntParam(r.plexParam("X-Plex-Container-Start")) ?? 0;
    const sizeParam = parseIntParam(r.plexParam("X-Plex-Container-Size"));
    const limit = parseIntParam(r.query.get("limit") ?? undefined);

    const matching = matchingItems(access, section, items, sort, allowed, r.query);
    const total = limit === undefined ? matching.length : Math.min(limit, matching.length);
    const end = sizeParam === undefined ? total : Math.min(total, start + sizeParam);
    const page: LibraryItem[] = [];
    for (let i = start; i < end; i++) page.push(items[matching[i] ?? 0] as LibraryItem);

    const includeGuids = r.query.get("includeGuids") === "1";
    const container: Record<string, unknown> = {
      size: page.length,
      totalSize: total,
      offset: start,
      allowSync: true,
      art: `/:/resources/${section.type}-fanart.jpg`,
      content: "secondary",
      identifier: "com.plexapp.plugins.library",
      librarySectionID: Number(section.key),
      librarySectionTitle: section.title,
      librarySectionUUID: section.uuid,
      mediaTagPrefix: MEDIA_TAG_PREFIX,
      mediaTagVersion: MEDIA_TAG_VERSION,
      thumb: `/:/resources/${section.type}.png`,
      title1: section.title,
      title2: section.type === "movie" ? "All Movies" : "All Shows",
      viewGroup: section.type,
    };
    if (page.length > 0) container.Metadata = page.map((it) => itemJson(it, access, { detail: false, includeGuids }));
    sendContainer(r, res, container, {
      "X-Plex-Container-Start": String(start),
      "X-Plex-Container-Total-Size": String(total),
    });
  }

  function filterValues(r: FakeRequest, res: ServerResponse, access: ServerAccess, section: LibrarySectionInfo, kind: string): void {
    const visible = section.items.filter((it) => canSee(access, it));
    const entries = new Map<string, { key: string; title: string }>();
    const add = (key: string, title: string) => {
      if (!entries.has(key)) entries.set(key, { key, title });
    };
    let title2 = "";
    for (const it of visible) {
      switch (kind) {
        case "genre":
          title2 = "By Genre";
          for (const g of it.genres) add(String(g.id), g.tag);
          break;
        case "label":
          title2 = "By Label";
          for (const l of it.labels) add(String(l.id), l.tag);
          break;
        case "contentRating": {
          title2 = "By Content Rating";
          if (!it.contentRating) break;
          const slash = it.contentRating.indexOf("/");
          add(it.contentRating, slash >= 0 ? it.contentRating.slice(slash + 1) : it.contentRating);
          break;
        }
        case "year":
          title2 = "By Year";
          add(String(it.year), String(it.year));
          break;
        case "decade": {
          title2 = "By Decade";
          const dec = Math.floor(it.year / 10) * 10;
          add(String(dec), `${dec}s`);
          break;
        }
      }
    }
    let list = [...entries.values()];
    if (kind === "year" || kind === "decade") list.sort((a, b) => Number(b.key) - Number(a.key));
    else if (kind === "contentRating") list.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    else list = list.sort((a, b) => a.title.localeCompare(b.title));
    const container: Record<string, unknown> = {
      size: list.length,
      allowSync: false,
      art: `/:/resources/${section.type}-fanart.jpg`,
      content: "secondary",
      identifier: "com.plexapp.plugins.library",
      mediaTagPrefix: MEDIA_TAG_PREFIX,
      mediaTagVersion: MEDIA_TAG_VERSION,
      nocache: true,
      thumb: `/:/resources/${section.type}.png`,
      title1: section.title,
      title2: title2 || `By ${kind}`,
      viewGroup: "secondary",
    };
    if (list.length > 0) {
      container.Directory = list.map((e) => {
        const dir: Record<string, unknown> = {
          fastKey: `/library/sections/${section.key}/all?${kind}=${encodeURIComponent(e.key)}`,
          key: e.key,
          title: e.title,
        };
        if (kind === "genre" || kind === "label") dir.type = kind;
        return dir;
      });
    }
    sendContainer(r, res, container);
  }

  function sectionFilters(r: FakeRequest, res: ServerResponse, section: LibrarySectionInfo, what: "filters" | "sorts"): void {
    const k = (x: string) => `/library/sections/${section.key}/${x}`;
    const dirs =
      what === "filters"
        ? [
            { filter: "genre", filterType: "string", key: k("genre"), title: "Genre", type: "filter" },
            { filter: "year", filterType: "integer", key: k("year"), title: "Year", type: "filter" },
            { filter: "decade", filterType: "integer", key: k("decade"), title: "Decade", type: "filter" },
            { filter: "contentRating", filterType: "string", key: k("contentRating"), title: "Content Rating", type: "filter" },
            { filter: "unwatched", filterType: "boolean", key: k("unwatched"), title: "Unwatched", type: "filter" },
            { filter: "label", filterType: "string", key: k("label"), title: "Labels", type: "filter" },
          ]
        : [
            { defaultDirection: "asc", descKey: "titleSort:desc", key: "titleSort", title: "Title", type: "sort" },
            { defaultDirection: "desc", descKey: "originallyAvailableAt:desc", key: "originallyAvailableAt", title: "Release Date", type: "sort" },
            { defaultDirection: "desc", descKey: "rating:desc", key: "rating", title: "Critic Rating", type: "sort" },
            { defaultDirection: "desc", descKey: "audienceRating:desc", key: "audienceRating", title: "Audience Rating", type: "sort" },
            { defaultDirection: "desc", descKey: "duration:desc", key: "duration", title: "Duration", type: "sort" },
            { defaultDirection: "desc", descKey: "addedAt:desc", key: "addedAt", title: "Date Added", type: "sort" },
            { defaultDirection: "asc", descKey: "random:desc", key: "random", title: "Randomly", type: "sort" },
          ];
    sendContainer(r, res, {
      size: dirs.length,
      allowSync: false,
      content: "secondary",
      identifier: "com.plexapp.plugins.library",
      title1: section.title,
      viewGroup: "secondary",
      Directory: dirs,
    });
  }

  function sendImage(res: ServerResponse, item: LibraryItem, kind: "thumb" | "art", width: number, height: number, format: ImageFormat): void {
    const seed = kind === "art" ? item.seed ^ 0x5bd1e995 : item.seed;
    ctx.images
      .get(`${kind}:${library.seed}:${item.ratingKey}:${width}x${height}:${format}`, () => encodeImage(drawPoster(seed, width, height), width, height, format))
      .then(
        (img) => sendText(res, 200, format === "png" ? "image/png" : "image/jpeg", img, { "Cache-Control": "public, max-age=3600" }),
        () => pmsHtmlError(res, 500),
      );
  }

  function transcode(r: FakeRequest, res: ServerResponse, access: ServerAccess): void {
    const width = Number(r.query.get("width"));
    const height = Number(r.query.get("height"));
    const valid = (n: number) => Number.isInteger(n) && n > 0 && n <= MAX_TRANSCODE_SIDE;
    if (!valid(width) || !valid(height)) {
      pmsHtmlError(res, 400);
      return;
    }
    const raw = r.query.get("url");
    if (!raw) {
      pmsHtmlError(res, 400);
      return;
    }
    let source: URL;
    try {
      source = new URL(raw, ctx.url());
    } catch {
      pmsHtmlError(res, 400);
      return;
    }
    const own = new URL(ctx.url());
    const m = /^\/library\/metadata\/(\d+)\/(thumb|art)(?:\/\d+)?$/.exec(source.pathname);
    const item = m ? library.item(m[1] ?? "") : undefined;
    // Only local library images; the item must be visible to the requesting token.
    if (source.host !== own.host || !m || !item || !canSee(access, item)) {
      pmsHtmlError(res, 404);
      return;
    }
    const format: ImageFormat = r.query.get("format") === "png" ? "png" : "jpeg";
    sendImage(res, item, m[2] === "art" ? "art" : "thumb", width, height, format);
  }

  function playQueueContainer(queue: FakePlayQueue, access: ServerAccess, item: LibraryItem): Record<string, unknown> {
    return {
      size: 1,
      identifier: "com.plexapp.plugins.library",
      mediaTagPrefix: MEDIA_TAG_PREFIX,
      mediaTagVersion: MEDIA_TAG_VERSION,
      playQueueID: queue.id,
      playQueueSelectedItemID: queue.selectedItemId,
      playQueueSelectedItemOffset: 0,
      playQueueSelectedMetadataItemID: queue.ratingKey,
      playQueueShuffled: false,
      playQueueSourceURI: `server://${FIXTURES.server.machineIdentifier}/com.plexapp.plugins.library/library/metadata/${queue.ratingKey}`,
      playQueueTotalCount: 1,
      playQueueVersion: queue.version,
      Metadata: [{ ...itemJson(item, access, { detail: false, includeGuids: false }), playQueueItemID: queue.selectedItemId }],
    };
  }

  /**
   * POST /playQueues?type=video&uri=server://{mid}/com.plexapp.plugins.library/library/metadata/{rk}
   * and GET /playQueues/{id} (PLEX_API.md 7.10). The token's restrictions apply: a film it may not
   * see is 404, as for its metadata.
   */
  function playQueues(r: FakeRequest, res: ServerResponse): void {
    const token = r.plexParam("X-Plex-Token");
    const access = state.serverAccess(token);
    if (!access || !token) return pmsHtmlError(res, 401);
    const idMatch = /^\/playQueues\/(\d+)$/.exec(r.path);
    if (idMatch && r.method === "GET") {
      const queue = state.playQueues.get(Number(idMatch[1]));
      const item = queue && library.item(queue.ratingKey);
      // UNCERTAIN (README): a queue is read back only with the token that made it.
      if (!queue || queue.token !== token || !item || !canSee(access, item)) return pmsHtmlError(res, 404);
      sendContainer(r, res, playQueueContainer(queue, access, item));
      return;
    }
    if (r.path !== "/playQueues" || r.method !== "POST") return pmsHtmlError(res, r.path === "/playQueues" ? 405 : 404);
    const uri = r.query.get("uri") ?? "";
    const m = /^server:\/\/([0-9a-f]+)\/com\.plexapp\.plugins\.library\/library\/metadata\/(\d+)$/.exec(uri);
    if (!m || !["video", "audio", "photo"].includes(r.query.get("type") ?? "")) return pmsHtmlError(res, 400);
    // A uri naming another server: this server cannot build a queue from it (UNCERTAIN: status).
    if (m[1] !== FIXTURES.server.machineIdentifier) return pmsHtmlError(res, 400);
    const item = library.item(m[2] ?? "");
    if (!item || !canSee(access, item)) return pmsHtmlError(res, 404);
    const queue = state.createPlayQueue(token, item.ratingKey);
    sendContainer(r, res, playQueueContainer(queue, access, item));
  }

  /**
   * The server forwards a remote-control command to the player named by
   * X-Plex-Target-Client-Identifier (PLEX_API.md 7.10, proxyThroughServer). UNCERTAIN (README):
   * a player the server cannot reach is answered 404 here.
   */
  function forwardToPlayer(r: FakeRequest, res: ServerResponse): void {
    if (!state.serverAccess(r.plexParam("X-Plex-Token"))) return pmsHtmlError(res, 401);
    if (r.method !== "GET") return pmsHtmlError(res, 405);
    const target = r.plexParam("X-Plex-Target-Client-Identifier") ?? "";
    const mode = state.downPlayers.get(target);
    if (mode === "silent" || mode === "refuse") return sendPlayerResponse(r, res, 404, "Not Found");
    runPlayMedia(state, r, res, "server");
  }

  return function handle(r: FakeRequest, res: ServerResponse): void {
    const { path, method } = r;
    if (path === "/player/playback/playMedia") {
      forwardToPlayer(r, res);
      return;
    }
    if (path === "/playQueues" || path.startsWith("/playQueues/")) {
      playQueues(r, res);
      return;
    }
    if (method !== "GET" && method !== "HEAD") {
      pmsHtmlError(res, method === "PUT" || method === "POST" || method === "DELETE" ? 401 : 405);
      return;
    }
    if (path === "/identity") {
      sendContainer(r, res, { size: 0, claimed: true, machineIdentifier: FIXTURES.server.machineIdentifier, version: FIXTURES.server.version });
      return;
    }
    const access = state.serverAccess(r.plexParam("X-Plex-Token"));
    if (!access) {
      pmsHtmlError(res, 401);
      return;
    }
    // PMS logs "Missing X-Plex-Container-Size header. This will fail with status code 400 in the
    // future" (PLEX_API.md 7.4); the fake keeps a list for tests to read.
    if (path.startsWith("/library/") && r.plexParam("X-Plex-Container-Size") === undefined) state.unpagedLibraryCalls.push(path);
    if (path === "/" || path === "") {
      const owner = access.account.kind === "owner";
      sendContainer(r, res, {
        size: 3,
        allowCameraUpload: owner,
        allowChannelAccess: true,
        allowMediaDeletion: owner,
        allowSharing: owner,
        allowSync: true,
        allowTuners: false,
        backgroundProcessing: true,
        certificate: true,
        companionProxy: true,
        countryCode: "usa",
        diagnostics: "logs,databases,streaminglogs",
        eventStream: true,
        friendlyName: FIXTURES.server.name,
        hubSearch: true,
        itemClusters: true,
        livetv: 7,
        machineIdentifier: FIXTURES.server.machineIdentifier,
        mediaProviders: true,
        multiuser: true,
        musicAnalysis: 2,
        myPlex: true,
        myPlexMappingState: "mapped",
        myPlexSigninState: "ok",
        myPlexSubscription: true,
        myPlexUsername: FIXTURES.owner.email,
        offlineTranscode: 1,
        ownerFeatures: "content_filter,federated-auth,home,pass,sync,webhooks",
        platform: FIXTURES.server.platform,
        platformVersion: FIXTURES.server.platformVersion,
        pluginHost: true,
        pushNotifications: false,
        readOnlyLibraries: false,
        streamingBrainABRVersion: 3,
        streamingBrainVersion: 2,
        sync: true,
        transcoderActiveVideoSessions: 0,
        transcoderAudio: true,
        transcoderLyrics: true,
        transcoderPhoto: true,
        transcoderSubtitles: true,
        transcoderVideo: true,
        transcoderVideoBitrates: "64,96,208,320,720,1500,2000,3000,4000,8000,10000,12000,20000",
        transcoderVideoQualities: "0,1,2,3,4,5,6,7,8,9,10,11,12",
        transcoderVideoResolutions: "128,128,160,240,320,480,768,720,720,1080,1080,1080,1080",
        updatedAt: 1740844800,
        updater: true,
        version: FIXTURES.server.version,
        voiceSearch: true,
        Directory: [
          { count: 1, key: "hubs", title: "hubs" },
          { count: 1, key: "library", title: "library" },
          { count: 1, key: "playlists", title: "playlists" },
        ],
      });
      return;
    }
    if (path === "/library/sections" || path === "/library/sections/" || path === "/library/sections/all") {
      const dirs = library.sections.filter((s) => canSeeSection(access, s.key)).map(sectionDirectory);
      sendContainer(r, res, { size: dirs.length, allowSync: false, title1: "Plex Library", Directory: dirs });
      return;
    }
    const sectionMatch = /^\/library\/sections\/(\d+)(?:\/([A-Za-z]+))?\/?$/.exec(path);
    if (sectionMatch) {
      const section = visibleSection(access, sectionMatch[1] ?? "");
      if (!section) {
        pmsHtmlError(res, 404);
        return;
      }
      const sub = sectionMatch[2];
      if (sub === undefined) {
        const noun = section.type === "movie" ? "Movies" : "Shows";
        const views: Record<string, unknown>[] = [
          { key: "all", title: `All ${noun}` },
          { key: "unwatched", title: "Unplayed" },
          { key: "newest", title: "Recently Released" },
          { key: "recentlyAdded", title: "Recently Added" },
          { key: "genre", title: "By Genre", secondary: true },
          { key: "year", title: "By Year", secondary: true },
          { key: "decade", title: "By Decade", secondary: true },
          { key: "contentRating", title: "By Content Rating", secondary: true },
          { key: "label", title: "By Label", secondary: true },
        ];
        sendContainer(r, res, {
          size: views.length,
          allowSync: false,
          art: `/:/resources/${section.type}-fanart.jpg`,
          content: "secondary",
          identifier: "com.plexapp.plugins.library",
          librarySectionID: Number(section.key),
          mediaTagPrefix: MEDIA_TAG_PREFIX,
          mediaTagVersion: MEDIA_TAG_VERSION,
          thumb: `/:/resources/${section.type}.png`,
          title1: section.title,
          viewGroup: "secondary",
          Directory: views,
        });
        return;
      }
      if (sub === "all") return listAll(r, res, access, section);
      if (sub === "genre" || sub === "contentRating" || sub === "year" || sub === "decade" || sub === "label") {
        return filterValues(r, res, access, section, sub);
      }
      if (sub === "filters" || sub === "sorts") return sectionFilters(r, res, section, sub);
      pmsHtmlError(res, 404);
      return;
    }
    const imageMatch = /^\/library\/metadata\/(\d+)\/(thumb|art)(?:\/(\d+))?$/.exec(path);
    if (imageMatch) {
      const item = library.item(imageMatch[1] ?? "");
      if (!item || !canSee(access, item)) {
        pmsHtmlError(res, 404);
        return;
      }
      const kind = imageMatch[2] === "art" ? "art" : "thumb";
      const size = kind === "art" ? ART_SIZE : POSTER_SIZE;
      sendImage(res, item, kind, size.width, size.height, "jpeg");
      return;
    }
    const metaMatch = /^\/library\/metadata\/([0-9,]+)$/.exec(path);
    if (metaMatch) {
      const keys = (metaMatch[1] ?? "").split(",").filter(Boolean);
      const items = keys.map((k) => library.item(k)).filter((it): it is LibraryItem => !!it && canSee(access, it));
      const firstItem = items[0];
      if (!firstItem) {
        pmsHtmlError(res, 404);
        return;
      }
      const section = library.section(firstItem.sectionKey);
      sendContainer(r, res, {
        size: items.length,
        allowSync: true,
        identifier: "com.plexapp.plugins.library",
        librarySectionID: Number(section?.key ?? 0),
        librarySectionTitle: section?.title ?? "",
        librarySectionUUID: section?.uuid ?? "",
        mediaTagPrefix: MEDIA_TAG_PREFIX,
        mediaTagVersion: MEDIA_TAG_VERSION,
        Metadata: items.map((it) => itemJson(it, access, { detail: true, includeGuids: true })),
      });
      return;
    }
    if (path === "/photo/:/transcode") {
      transcode(r, res, access);
      return;
    }
    pmsHtmlError(res, 404);
  };
}

/** Body for a forced-status fault on the PMS: HTML, like real PMS errors. */
export function pmsFaultResponse(_r: FakeRequest, res: ServerResponse, status: number): void {
  pmsHtmlError(res, status);
}
