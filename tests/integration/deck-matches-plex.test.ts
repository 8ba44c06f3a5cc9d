/* eslint-disable @typescript-eslint/no-explicit-any -- API answers are read as JSON */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppWithPlex, type PlexApp } from "../helpers/plex-app";
import { allowedRatings } from "../helpers/restrictions";
import { createRoom, hostClient, profileClient, walkWholeDeck, type Client } from "./rooms-support";

/**
 * Issue 12: a room's whole deck is what the Plex server itself lists for the same filters (the
 * fake's own listing, asked directly), over two libraries, one rated by Rotten Tomatoes ("Films":
 * `rating`) and one by IMDb ("Documentaries": `audienceRating` only), for each order, with and
 * without a restricted participant. Ranges keep their end points (`>=`/`<=`; the fake's `>>=`
 * and `<<=` are strict as PLEX_API.md line 214 lists them apart), minimum rating and top rated
 * use the rating each library has, top rated and recently added merge the libraries by the
 * order's key, and films added in the same second are each dealt exactly once.
 */
let env: PlexApp;
let olivia: Client;
const SECTIONS = ["1", "2"];
const RATING_FIELD: Record<string, "rating" | "audienceRating"> = { "1": "rating", "2": "audienceRating" };
const FILTERS = { yearFrom: 1990, yearTo: 2015, minRating: 6 };

beforeAll(async () => {
  env = await startAppWithPlex({ fake: { films: 500, seed: "merge", imdbRatedSections: ["2"] } });
  olivia = await hostClient(env);
});
afterAll(async () => {
  await env?.stop();
});

interface Listed {
  ratingKey: string;
  section: string;
  key: number;
  year: number;
  contentRating: string;
  rating?: number;
  audienceRating?: number;
  addedAt: number;
}

/** The fake Plex server's own listing of one library for the room's filters, in the order's sort. */
async function plexListing(section: string, order: string): Promise<Listed[]> {
  const field = RATING_FIELD[section]!;
  const sort = order === "topRated" ? `${field}:desc,titleSort` : order === "recentlyAdded" ? "addedAt:desc,titleSort" : "titleSort";
  const query = `type=1&year>=${FILTERS.yearFrom}&year<=${FILTERS.yearTo}&${field}>=${FILTERS.minRating}&sort=${sort}`;
  const res = await fetch(`${env.fake.pmsUrl}/library/sections/${section}/all?${query}`, {
    headers: { Accept: "application/json", "X-Plex-Token": env.fake.fixtures.owner.token },
  });
  expect(res.status).toBe(200);
  const items = ((await res.json()) as { MediaContainer: { Metadata?: any[] } }).MediaContainer.Metadata ?? [];
  return items.map((m) => ({ ...m, section, key: order === "recentlyAdded" ? m.addedAt : m[field] }));
}

describe.each(["shuffled", "topRated", "recentlyAdded"])("a %s deck over a Rotten Tomatoes and an IMDb library", (order) => {
  it.each([false, true])("holds exactly what Plex lists for the filters (restricted participant: %s)", async (restricted) => {
    const listings = await Promise.all(SECTIONS.map((s) => plexListing(s, order)));
    const all = listings.flat();
    // The end points are in: films of 1990 and 2015, and films rated exactly 6.0.
    expect(all.some((f) => f.year === FILTERS.yearFrom) && all.some((f) => f.year === FILTERS.yearTo)).toBe(true);
    expect(all.some((f) => f.rating === FILTERS.minRating || f.audienceRating === FILTERS.minRating)).toBe(true);

    const room = await createRoom(olivia, { sectionIds: SECTIONS, order, ...FILTERS });
    let viewer = olivia;
    let allowed = (_f: Listed) => true;
    if (restricted) {
      viewer = await profileClient(env, "Kit");
      expect((await viewer.call("POST", `/api/rooms/${room.code}/participants`, {})).status).toBeLessThan(300);
      const ratings = allowedRatings("little_kid");
      allowed = (f) => ratings.has(f.contentRating);
    }
    const expected = all.filter(allowed);
    // Both libraries have films in the deck, so the merge is put to the test.
    for (const section of SECTIONS) expect(expected.filter((f) => f.section === section).length, `library ${section}`).toBeGreaterThan(1);

    const cards = await walkWholeDeck(viewer, room.code);
    const keys = cards.map((c) => c.ratingKey as string);
    expect(new Set(keys).size, "every film once").toBe(keys.length);
    expect([...keys].sort()).toEqual(expected.map((f) => f.ratingKey).sort());
    if (order === "shuffled") return;

    // The same order as Plex's: each library's films in its listing's order, and the libraries
    // merged by the order's key (each film's own library rating, or the date it was added).
    const bySection = new Map(all.map((f) => [f.ratingKey, f]));
    for (const [i, section] of SECTIONS.entries()) {
      expect(keys.filter((k) => bySection.get(k)!.section === section)).toEqual(listings[i]!.filter(allowed).map((f) => f.ratingKey));
    }
    const orderKeys = keys.map((k) => bySection.get(k)!.key);
    for (let i = 1; i < orderKeys.length; i++) expect(orderKeys[i - 1]! >= orderKeys[i]!, `position ${i}: ${orderKeys[i - 1]} then ${orderKeys[i]}`).toBe(true);
  });
});
