/**
 * Share restrictions (plex.tv filter strings) and PMS media-query filters.
 */
import type { LibraryItem, Tag } from "./library";

/** A parsed plex.tv share filter (filterMovies / filterTelevision). */
export interface ShareFilter {
  contentRatingAllow: Set<string> | null;
  contentRatingDeny: Set<string>;
  labelAllow: Set<string> | null;
  labelDeny: Set<string>;
}

function decodeFilterValue(v: string): string {
  try {
    return decodeURIComponent(v.replace(/\+/g, " "));
  } catch {
    return v;
  }
}

/**
 * Parses Plex's share filter grammar: clauses joined by `|` (libraries write this) or `&` (seen in
 * one real capture), each `key=v1%2Cv2` with keys contentRating, contentRating!, label, label!.
 * Empty/null means no restriction.
 */
export function parseShareFilter(raw: string | null | undefined): ShareFilter {
  const f: ShareFilter = { contentRatingAllow: null, contentRatingDeny: new Set(), labelAllow: null, labelDeny: new Set() };
  if (!raw) return f;
  for (const clause of raw.split(/[|&]/)) {
    const eq = clause.indexOf("=");
    if (eq <= 0) continue;
    const key = clause.slice(0, eq);
    const values = clause
      .slice(eq + 1)
      .split(/%2C|,/i)
      .map(decodeFilterValue)
      .filter((v) => v !== "");
    switch (key) {
      case "contentRating":
        f.contentRatingAllow ??= new Set();
        for (const v of values) f.contentRatingAllow.add(v);
        break;
      case "contentRating!":
        for (const v of values) f.contentRatingDeny.add(v);
        break;
      case "label":
        f.labelAllow ??= new Set();
        for (const v of values) f.labelAllow.add(v);
        break;
      case "label!":
        for (const v of values) f.labelDeny.add(v);
        break;
      default:
        break;
    }
  }
  return f;
}

export function shareFilterAllows(f: ShareFilter, item: LibraryItem): boolean {
  if (f.contentRatingAllow && !f.contentRatingAllow.has(item.contentRating)) return false;
  if (f.contentRatingDeny.has(item.contentRating)) return false;
  if (f.labelAllow && !item.labels.some((l) => f.labelAllow?.has(l.tag))) return false;
  if (f.labelDeny.size > 0 && item.labels.some((l) => f.labelDeny.has(l.tag))) return false;
  return true;
}

export class QueryError extends Error {}

export type ItemPredicate = (item: LibraryItem) => boolean;

/** Query parameters that are not filters. */
const NON_FILTER_PARAMS = new Set([
  "type",
  "sort",
  "limit",
  "includeGuids",
  "includeMeta",
  "includeDetails",
  "includeCollections",
  "includeExternalMedia",
  "includeAdvanced",
  "checkFiles",
  "excludeAllLeaves",
  "url",
]);

type Op = "=" | "!=" | "==" | "!==" | ">>=" | "<<=" | ">=" | "<=";

/**
 * Splits a URLSearchParams entry back into field + operator: `year>>=2000` arrives as key
 * `year>>` value `2000`; `title==x` as key `title` value `=x`.
 */
function splitOperator(rawKey: string, rawValue: string): { field: string; op: Op; value: string } {
  let field = rawKey;
  let op: Op = "=";
  let value = rawValue;
  if (field.endsWith(">>")) {
    field = field.slice(0, -2);
    op = ">>=";
  } else if (field.endsWith("<<")) {
    field = field.slice(0, -2);
    op = "<<=";
  } else if (field.endsWith("!")) {
    field = field.slice(0, -1);
    op = "!=";
  } else if (field.endsWith(">")) {
    field = field.slice(0, -1);
    op = ">=";
  } else if (field.endsWith("<")) {
    field = field.slice(0, -1);
    op = "<=";
  }
  if (value.startsWith("=") && (op === "=" || op === "!=")) {
    op = op === "=" ? "==" : "!==";
    value = value.slice(1);
  }
  return { field, op, value };
}

const RELATIVE_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800, mon: 2_592_000, y: 31_536_000 };

/** Parses a date filter value: epoch seconds, YYYY-MM-DD, or relative `-30d` (relative to now). */
export function parseDateValue(v: string, now: number): number {
  const rel = /^(-?)(\d+)(s|m|h|d|w|mon|y)$/.exec(v);
  if (rel) {
    const amount = Number(rel[2]) * (RELATIVE_UNITS[rel[3] ?? "s"] ?? 1);
    return rel[1] === "-" ? now - amount : now + amount;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return Date.parse(`${v}T00:00:00Z`) / 1000;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new QueryError(`bad date ${v}`);
  return n;
}

function numericTest(op: Op, values: number[], actual: number): boolean {
  switch (op) {
    case "=":
    case "==":
      return values.some((v) => actual === v);
    case "!=":
    case "!==":
      return values.every((v) => actual !== v);
    // PLEX_API.md line 214 lists the integer operators `= != >>= <<= <= >=`: `>>=` and `<<=` are
    // "greater than" and "less than" (strict), apart from `>=` and `<=` (end points included).
    case ">>=":
      return values.some((v) => actual > v);
    case ">=":
      return values.some((v) => actual >= v);
    case "<<=":
      return values.some((v) => actual < v);
    case "<=":
      return values.some((v) => actual <= v);
  }
}

function tagMatcher(tags: readonly Tag[], values: string[]): Set<number> {
  // Accept tag ids (what Plex apps send) and tag names (python-plexapi falls back to raw strings).
  const ids = new Set<number>();
  for (const v of values) {
    const byName = tags.find((t) => t.tag.toLowerCase() === v.toLowerCase());
    if (byName) ids.add(byName.id);
    else if (/^\d+$/.test(v)) ids.add(Number(v));
  }
  return ids;
}

export interface FilterContext {
  genres: readonly Tag[];
  labels: readonly Tag[];
  /** epoch seconds for relative dates */
  now: number;
  /** viewCount of an item for the requesting token's account */
  viewCount: (item: LibraryItem) => number;
  inProgress: (item: LibraryItem) => boolean;
}

/** Builds one predicate from a PMS media query (the `/all` query string). Unknown fields are ignored. */
export function buildQueryPredicate(params: URLSearchParams, ctx: FilterContext): ItemPredicate[] {
  const preds: ItemPredicate[] = [];
  for (const [rawKey, rawValue] of params) {
    if (rawKey.startsWith("X-Plex-") || NON_FILTER_PARAMS.has(rawKey)) continue;
    const { field, op, value } = splitOperator(rawKey, rawValue);
    const values = value.split(",").filter((v) => v !== "");
    const num = (vs: string[]) =>
      vs.map((v) => {
        const n = Number(v);
        if (!Number.isFinite(n)) throw new QueryError(`bad number for ${field}: ${v}`);
        return n;
      });
    switch (field) {
      case "genre":
      case "label": {
        const ids = tagMatcher(field === "genre" ? ctx.genres : ctx.labels, values);
        const isGenre = field === "genre";
        const has = (it: LibraryItem): boolean => {
          const tags = isGenre ? it.genres : it.labels;
          for (let i = 0; i < tags.length; i++) if (ids.has((tags[i] as Tag).id)) return true;
          return false;
        };
        if (op === "!=" || op === "!==") preds.push((it) => !has(it));
        else preds.push(has);
        break;
      }
      case "contentRating": {
        const set = new Set(values);
        if (op === "!=" || op === "!==") preds.push((it) => !set.has(it.contentRating));
        else preds.push((it) => set.has(it.contentRating));
        break;
      }
      case "year": {
        const vs = num(values);
        preds.push((it) => numericTest(op, vs, it.year));
        break;
      }
      case "decade": {
        const vs = num(values);
        preds.push((it) => numericTest(op, vs, Math.floor(it.year / 10) * 10));
        break;
      }
      case "duration": {
        const vs = num(values);
        preds.push((it) => numericTest(op, vs, it.duration));
        break;
      }
      case "rating":
      case "audienceRating": {
        const vs = num(values);
        // A film without a critic rating (IMDb/TMDB-rated library) has no value to compare.
        preds.push((it) => (field === "rating" && !it.criticRated ? false : numericTest(op, vs, field === "rating" ? it.rating : it.audienceRating)));
        break;
      }
      case "addedAt":
      case "updatedAt":
      case "originallyAvailableAt": {
        const vs = values.map((v) => parseDateValue(v, ctx.now));
        const get = (it: LibraryItem) => (field === "addedAt" ? it.addedAt : field === "updatedAt" ? it.updatedAt : it.releasedAt);
        preds.push((it) => numericTest(op, vs, get(it)));
        break;
      }
      case "unwatched": {
        const want = value === "1" || value === "true";
        preds.push((it) => (ctx.viewCount(it) === 0) === want);
        break;
      }
      case "inProgress": {
        const want = value === "1" || value === "true";
        preds.push((it) => ctx.inProgress(it) === want);
        break;
      }
      case "title": {
        const lower = values.map((v) => v.toLowerCase());
        const joined = value.toLowerCase();
        if (op === "==") preds.push((it) => it.title.toLowerCase() === joined);
        else if (op === "!==") preds.push((it) => it.title.toLowerCase() !== joined);
        else if (op === "!=") preds.push((it) => !it.title.toLowerCase().includes(joined));
        else preds.push((it) => lower.length === 0 || it.title.toLowerCase().includes(joined));
        break;
      }
      default:
        break;
    }
  }
  return preds;
}
