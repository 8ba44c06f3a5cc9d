import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakePlex, LibraryItem } from "../fake-plex";
import { call, container, start } from "./helpers";

const PRESETS = JSON.parse(
  readFileSync(path.resolve(__dirname, "../../../shared/plex-reference/samples/restriction-profile-presets.json"), "utf8"),
) as Record<string, { filterMovies_raw: string; allowedContentRatings: string[] }>;
const LITTLE_KID = new Set(PRESETS.little_kid?.allowedContentRatings);
const TEEN = new Set(PRESETS.teen?.allowedContentRatings);

let plex: FakePlex;
let kidToken: string;
beforeAll(async () => {
  plex = await start({ films: 600 });
  kidToken = plex.fixtures.kid.serverToken ?? "";
});
afterAll(async () => {
  await plex.close();
});

const allowedFor = (set: Set<string>) => (f: LibraryItem) => set.has(f.contentRating);

describe("fake PMS: share restrictions", () => {
  it("materialises the presets from restriction-profile-presets.json", () => {
    expect(plex.fixtures.kid.share?.filterMovies).toBe(PRESETS.little_kid?.filterMovies_raw);
    expect(plex.fixtures.teen.share?.filterMovies).toBe(PRESETS.teen?.filterMovies_raw);
  });

  it("leaves a decent share of films for each preset", () => {
    const films = plex.library.films;
    const kidShare = films.filter(allowedFor(LITTLE_KID)).length / films.length;
    expect(kidShare).toBeGreaterThan(0.12);
    expect(kidShare).toBeLessThan(0.25);
    const teenShare = films.filter(allowedFor(TEEN)).length / films.length;
    expect(teenShare).toBeGreaterThan(0.45);
    expect(teenShare).toBeLessThan(0.8);
  });

  it("the kid sees only little_kid ratings on /all, and totalSize counts only those", async () => {
    for (const [section, items] of [
      ["1", plex.library.films],
      ["2", plex.library.documentaries],
    ] as const) {
      const expected = items.filter(allowedFor(LITTLE_KID));
      const page = await container(plex, `/library/sections/${section}/all?X-Plex-Container-Start=0&X-Plex-Container-Size=10`, kidToken);
      expect(page.totalSize).toBe(expected.length);
      expect(page.size).toBe(Math.min(10, expected.length));
      const all = await container(plex, `/library/sections/${section}/all`, kidToken);
      expect(all.Metadata?.every((m) => LITTLE_KID.has(m.contentRating))).toBe(true);
      expect(all.Metadata?.map((m) => m.ratingKey).sort()).toEqual(expected.map((f) => f.ratingKey).sort());
    }
    // a query asking for more cannot widen the share
    const r = await container(plex, "/library/sections/1/all?contentRating=R", kidToken);
    expect(r.totalSize).toBe(0);
  });

  it("the kid cannot see TV Shows", async () => {
    expect((await call(plex.pmsUrl, "/library/sections/3/all", { token: kidToken })).status).toBe(404);
  });

  it("/genre and /contentRating list only values present in what the kid may see", async () => {
    const ratings = await container(plex, "/library/sections/1/contentRating", kidToken);
    const keys = ratings.Directory?.map((d) => d.key as string) ?? [];
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => LITTLE_KID.has(k))).toBe(true);
    expect(new Set(keys)).toEqual(new Set(plex.library.films.filter(allowedFor(LITTLE_KID)).map((f) => f.contentRating)));
    const genres = await container(plex, "/library/sections/1/genre", kidToken);
    const expectedGenres = new Set(plex.library.films.filter(allowedFor(LITTLE_KID)).flatMap((f) => f.genres.map((g) => String(g.id))));
    expect(new Set(genres.Directory?.map((d) => d.key))).toEqual(expectedGenres);
  });

  it("/library/metadata and images answer 404 for items outside the share", async () => {
    const hidden = plex.library.films.find((f) => !LITTLE_KID.has(f.contentRating));
    const visible = plex.library.films.find((f) => LITTLE_KID.has(f.contentRating));
    if (!hidden || !visible) throw new Error("library lacks test items");
    expect((await call(plex.pmsUrl, `/library/metadata/${hidden.ratingKey}`, { token: kidToken })).status).toBe(404);
    expect((await call(plex.pmsUrl, `/library/metadata/${visible.ratingKey}`, { token: kidToken })).status).toBe(200);
    const both = await container(plex, `/library/metadata/${visible.ratingKey},${hidden.ratingKey}`, kidToken);
    expect(both.Metadata?.map((m) => m.ratingKey)).toEqual([visible.ratingKey]);
    const thumb = (f: LibraryItem) => `/library/metadata/${f.ratingKey}/thumb/${f.addedAt}`;
    expect((await call(plex.pmsUrl, thumb(hidden), { token: kidToken })).status).toBe(404);
    const transcode = (f: LibraryItem) => `/photo/:/transcode?width=100&height=150&minSize=1&upscale=1&url=${encodeURIComponent(thumb(f))}`;
    expect((await call(plex.pmsUrl, transcode(hidden), { token: kidToken })).status).toBe(404);
    expect((await call(plex.pmsUrl, transcode(visible), { token: kidToken })).status).toBe(200);
    // the owner sees everything
    expect((await call(plex.pmsUrl, transcode(hidden), { token: plex.fixtures.owner.token })).status).toBe(200);
  });

  it("the teen sees the teen ratings; the friend sees all Films but no Documentaries", async () => {
    const teen = await container(plex, "/library/sections/1/all?X-Plex-Container-Size=0", plex.fixtures.teen.serverToken ?? "");
    expect(teen.totalSize).toBe(plex.library.films.filter(allowedFor(TEEN)).length);
    const friendToken = plex.fixtures.friend.serverToken ?? "";
    const friend = await container(plex, "/library/sections/1/all?X-Plex-Container-Size=0", friendToken);
    expect(friend.totalSize).toBe(plex.library.films.length);
    const doc = plex.library.documentaries[0];
    expect((await call(plex.pmsUrl, `/library/metadata/${doc?.ratingKey}`, { token: friendToken })).status).toBe(404);
    expect((await call(plex.pmsUrl, "/library/sections/2/all", { token: friendToken })).status).toBe(404);
  });
});
