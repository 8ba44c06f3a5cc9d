import { describe, expect, it } from "vitest";
import { parseShareFilter, shareFilterAllows } from "../fake-plex/filters";
import { RESTRICTION_PRESET_FILTERS } from "../fake-plex/fixtures";
import { GENRES, generateLibrary, type LibraryItem } from "../fake-plex/library";

describe("library generator", () => {
  it("is deterministic per seed and differs between seeds", () => {
    const a = generateLibrary({ films: 300, seed: "x" });
    const b = generateLibrary({ films: 300, seed: "x" });
    const c = generateLibrary({ films: 300, seed: "y" });
    const sig = (l: ReturnType<typeof generateLibrary>) => l.films.map((f) => `${f.ratingKey}|${f.title}|${f.year}|${f.contentRating}|${f.rating}`);
    expect(sig(a)).toEqual(sig(b));
    expect(sig(a)).not.toEqual(sig(c));
    expect(a.details(a.films[5] as LibraryItem)).toEqual(b.details(b.films[5] as LibraryItem));
  });

  it("keeps fields within their documented ranges", () => {
    const lib = generateLibrary({ films: 2000 });
    const addedMin = lib.anchor - 3 * 365 * 86400;
    for (const f of lib.films) {
      expect(f.year).toBeGreaterThanOrEqual(1950);
      expect(f.year).toBeLessThanOrEqual(2025);
      expect(f.duration).toBeGreaterThanOrEqual(75 * 60_000);
      expect(f.duration).toBeLessThanOrEqual(200 * 60_000);
      expect(f.rating).toBeGreaterThanOrEqual(0);
      expect(f.rating).toBeLessThanOrEqual(10);
      expect(Math.round(f.rating * 10)).toBeCloseTo(f.rating * 10, 6);
      expect(f.audienceRating).toBeLessThanOrEqual(10);
      expect(f.addedAt).toBeGreaterThanOrEqual(addedMin);
      expect(f.addedAt).toBeLessThanOrEqual(lib.anchor);
      expect(f.genres.length).toBeGreaterThanOrEqual(1);
      expect(f.originallyAvailableAt.startsWith(String(f.year))).toBe(true);
      const d = lib.details(f);
      expect(d.directors.length).toBeGreaterThanOrEqual(1);
      expect(d.directors.length).toBeLessThanOrEqual(2);
      expect(d.roles.length).toBeGreaterThanOrEqual(4);
      expect(d.roles.length).toBeLessThanOrEqual(8);
    }
    const ratings = new Set(lib.films.map((f) => f.contentRating));
    for (const r of ["G", "PG", "PG-13", "R", "NR", "Not Rated", "gb/12A", "gb/15", "de/12", "gb/U"]) expect(ratings.has(r), r).toBe(true);
    expect(new Set(lib.films.flatMap((f) => f.labels.map((l) => l.tag)))).toEqual(new Set(["Family", "Classics", "Favourites"]));
    expect(GENRES.length).toBe(18);
  });

  it("gives every item a unique title and ratingKey, even at 50,000 films", () => {
    const lib = generateLibrary({ films: 50_000 });
    const all = [...lib.films, ...lib.documentaries, ...lib.shows];
    expect(lib.documentaries.length).toBe(5000);
    expect(new Set(all.map((f) => f.title)).size).toBe(all.length);
    expect(new Set(all.map((f) => f.ratingKey)).size).toBe(all.length);
    expect(lib.item(lib.films[49_999]?.ratingKey ?? "")).toBe(lib.films[49_999]);
  });

  it("watch state is deterministic per account with the requested share", () => {
    const lib = generateLibrary({ films: 5000 });
    const watched = lib.films.filter((f) => lib.watchState(f, 1001, 0.3).viewCount > 0).length / 5000;
    expect(watched).toBeGreaterThan(0.27);
    expect(watched).toBeLessThan(0.33);
    expect(lib.films.every((f) => lib.watchState(f, 3003, 0).viewCount === 0)).toBe(true);
    const f = lib.films[0] as LibraryItem;
    expect(lib.watchState(f, 1001, 0.3)).toEqual(lib.watchState(f, 1001, 0.3));
  });
});

describe("share filter grammar", () => {
  const item = (contentRating: string, labels: string[] = []) =>
    ({ contentRating, labels: labels.map((tag, i) => ({ id: i, tag })) }) as unknown as LibraryItem;

  it("parses the little_kid preset with %2C separators and + spaces", () => {
    const f = parseShareFilter(RESTRICTION_PRESET_FILTERS.little_kid);
    expect(f.contentRatingAllow?.size).toBe(34);
    expect(f.contentRatingAllow?.has("fr/Tous publics")).toBe(true);
    expect(f.contentRatingAllow?.has("UK: Uc")).toBe(true);
    expect(shareFilterAllows(f, item("G"))).toBe(true);
    expect(shareFilterAllows(f, item("PG"))).toBe(false);
  });

  it("handles | and & separators, exclusions and labels", () => {
    const f = parseShareFilter("contentRating=G%2CPG|label=Family&contentRating!=PG");
    expect(shareFilterAllows(f, item("G", ["Family"]))).toBe(true);
    expect(shareFilterAllows(f, item("G"))).toBe(false);
    expect(shareFilterAllows(f, item("PG", ["Family"]))).toBe(false);
    const ex = parseShareFilter("label!=Shortlist_mike");
    expect(shareFilterAllows(ex, item("R"))).toBe(true);
    expect(shareFilterAllows(ex, item("R", ["Shortlist_mike"]))).toBe(false);
    expect(shareFilterAllows(parseShareFilter(""), item("R"))).toBe(true);
    expect(shareFilterAllows(parseShareFilter(null), item("R"))).toBe(true);
  });
});
