import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakePlex, LibraryItem } from "../fake-plex";
import { call, container, type MetadataItem, start } from "./helpers";

let plex: FakePlex;
let token: string;
beforeAll(async () => {
  plex = await start({ films: 800, seed: "queries" });
  token = plex.fixtures.owner.token;
});
afterAll(async () => {
  await plex.close();
});

/** All ratingKeys of a filtered query, in order. */
async function keys(query: string, t = token): Promise<string[]> {
  const mc = await container(plex, `/library/sections/1/all?${query}`, t);
  expect(mc.totalSize).toBe(mc.Metadata?.length ?? 0);
  return (mc.Metadata ?? []).map((m) => m.ratingKey);
}

const expectSet = (films: LibraryItem[]) => films.map((f) => f.ratingKey).sort();

async function expectFilter(query: string, pred: (f: LibraryItem) => boolean) {
  const got = await keys(query);
  const want = expectSet(plex.library.films.filter(pred));
  expect(want.length, `${query} should match something`).toBeGreaterThan(0);
  expect(want.length, `${query} should not match everything`).toBeLessThan(plex.library.films.length);
  expect([...got].sort()).toEqual(want);
}

describe("fake PMS: filters on /library/sections/{id}/all", () => {
  it("genre by tag id, comma = OR, and genre!=", async () => {
    await expectFilter("genre=89", (f) => f.genres.some((g) => g.id === 89));
    await expectFilter("genre=89,19", (f) => f.genres.some((g) => g.id === 89 || g.id === 19));
    await expectFilter("genre!=89", (f) => !f.genres.some((g) => g.id === 89));
    await expectFilter("genre=89&genre=19", (f) => f.genres.some((g) => g.id === 89) && f.genres.some((g) => g.id === 19));
  });

  // PLEX_API.md line 214: integer operators `= != >>= <<= <= >=`. `>>=` and `<<=` are listed apart
  // from `>=` and `<=`: they are "greater than" and "less than" (end points excluded).
  it("year>>= and year<<= are strict; year>= and year<= keep the end points; decade", async () => {
    await expectFilter("year=1999", (f) => f.year === 1999);
    await expectFilter("year>>=2010", (f) => f.year > 2010);
    await expectFilter("year<<=1960", (f) => f.year < 1960);
    await expectFilter("year>>=1980&year<<=1989", (f) => f.year > 1980 && f.year < 1989);
    await expectFilter("year>=2010", (f) => f.year >= 2010);
    await expectFilter("year<=1960", (f) => f.year <= 1960);
    await expectFilter("year>=1980&year<=1989", (f) => f.year >= 1980 && f.year <= 1989);
    await expectFilter("decade=1980", (f) => f.year >= 1980 && f.year <= 1989);
    await expectFilter("decade=1950,2000", (f) => Math.floor(f.year / 10) === 195 || Math.floor(f.year / 10) === 200);
  });

  it("contentRating exact strings with comma OR, and contentRating!=", async () => {
    await expectFilter("contentRating=G,PG", (f) => f.contentRating === "G" || f.contentRating === "PG");
    await expectFilter(`contentRating=${encodeURIComponent("gb/12A")}`, (f) => f.contentRating === "gb/12A");
    await expectFilter("contentRating!=R", (f) => f.contentRating !== "R");
    await expectFilter("contentRating!=R,NR", (f) => f.contentRating !== "R" && f.contentRating !== "NR");
  });

  it("unwatched=1 follows the token's own watch state", async () => {
    const owner = plex.fixtures.owner;
    await expectFilter("unwatched=1", (f) => plex.library.watchState(f, owner.id, owner.watchedShare).viewCount === 0);
    const ownerUnwatched = (await keys("unwatched=1")).length;
    const friendUnwatched = (await keys("unwatched=1", plex.fixtures.friend.serverToken ?? "")).length;
    expect(friendUnwatched).toBeGreaterThan(ownerUnwatched);
    expect(ownerUnwatched / plex.library.films.length).toBeGreaterThan(0.6);
    expect(ownerUnwatched / plex.library.films.length).toBeLessThan(0.8);
  });

  it("label by id or name", async () => {
    await expectFilter("label=90212", (f) => f.labels.some((l) => l.tag === "Classics"));
    await expectFilter("label=Family", (f) => f.labels.some((l) => l.tag === "Family"));
  });

  it("duration<<=, rating>>= and >=, audienceRating>>=, addedAt>>=, title contains (PLEX_API.md line 214: >>=/<<= strict)", async () => {
    await expectFilter(`duration<<=${100 * 60_000}`, (f) => f.duration < 100 * 60_000);
    await expectFilter(`duration<=${100 * 60_000}`, (f) => f.duration <= 100 * 60_000);
    await expectFilter("rating>>=7.5", (f) => f.rating > 7.5);
    await expectFilter("rating>=7.5", (f) => f.rating >= 7.5);
    expect(plex.library.films.some((f) => f.rating === 7.5), "the library has films rated exactly 7.5").toBe(true);
    await expectFilter("audienceRating>>=8", (f) => f.audienceRating > 8);
    const cutoff = plex.library.anchor - 180 * 86400;
    await expectFilter(`addedAt>>=${cutoff}`, (f) => f.addedAt > cutoff);
    await expectFilter("title=harbour", (f) => f.title.toLowerCase().includes("harbour"));
    // relative dates are relative to now; the library ends at a fixed anchor in the past
    const recent = await keys("addedAt>>=-30d");
    const now = Date.now() / 1000;
    expect(recent.length).toBe(plex.library.films.filter((f) => f.addedAt >= now - 30 * 86400).length);
  });

  it("type=1 lists movies; other types list nothing in a movie section", async () => {
    expect((await keys("type=1")).length).toBe(800);
    expect((await keys("type=4")).length).toBe(0);
  });

  it("answers 400 for an unknown sort or a malformed number", async () => {
    expect((await call(plex.pmsUrl, "/library/sections/1/all?sort=colour", { token })).status).toBe(400);
    expect((await call(plex.pmsUrl, "/library/sections/1/all?year>>=soon", { token })).status).toBe(400);
  });
});

describe("fake PMS: sorting", () => {
  const cases: [string, (m: MetadataItem) => number | string][] = [
    ["titleSort", (m) => (m.titleSort ?? m.title).toLowerCase()],
    ["originallyAvailableAt", (m) => m.originallyAvailableAt],
    ["rating", (m) => m.rating],
    ["audienceRating", (m) => m.audienceRating],
    ["duration", (m) => m.duration],
    ["addedAt", (m) => m.addedAt],
  ];
  for (const [key, value] of cases) {
    for (const desc of [false, true]) {
      it(`sorts by ${key}${desc ? ":desc" : ""}`, async () => {
        const mc = await container(plex, `/library/sections/1/all?sort=${key}${desc ? ":desc" : ""}`, token);
        const values = (mc.Metadata ?? []).map(value);
        expect(values.length).toBe(800);
        for (let i = 1; i < values.length; i++) {
          const a = values[i - 1] as number | string;
          const b = values[i] as number | string;
          if (desc) expect(a >= b, `${key} at ${i}: ${a} then ${b}`).toBe(true);
          else expect(a <= b, `${key} at ${i}: ${a} then ${b}`).toBe(true);
        }
      });
    }
  }

  it("defaults to titleSort and supports several keys", async () => {
    const def = await keys("");
    const byTitle = await keys("sort=titleSort");
    expect(def).toEqual(byTitle);
    const mc = await container(plex, "/library/sections/1/all?sort=year:desc,titleSort", token);
    const ms = mc.Metadata ?? [];
    for (let i = 1; i < ms.length; i++) {
      const a = ms[i - 1] as MetadataItem;
      const b = ms[i] as MetadataItem;
      expect(a.year > b.year || (a.year === b.year && (a.titleSort ?? a.title).toLowerCase() <= (b.titleSort ?? b.title).toLowerCase())).toBe(true);
    }
  });

  it("sort=random returns every film once in some order", async () => {
    const a = await keys("sort=random");
    const b = await keys("sort=random");
    expect([...a].sort()).toEqual(expectSet(plex.library.films));
    expect(a).not.toEqual(b);
  });
});

describe("fake PMS: paging", () => {
  it("pages with headers or query parameters and reports size/totalSize/offset", async () => {
    const viaHeaders = await call(plex.pmsUrl, "/library/sections/1/all?sort=titleSort", {
      token,
      headers: { "X-Plex-Container-Start": "10", "X-Plex-Container-Size": "5" },
    });
    expect(viaHeaders.headers.get("X-Plex-Container-Start")).toBe("10");
    expect(viaHeaders.headers.get("X-Plex-Container-Total-Size")).toBe("800");
    const h = ((await viaHeaders.json()) as { MediaContainer: { size: number; totalSize: number; offset: number; Metadata: MetadataItem[] } }).MediaContainer;
    expect([h.size, h.totalSize, h.offset]).toEqual([5, 800, 10]);
    const q = await container(plex, "/library/sections/1/all?sort=titleSort&X-Plex-Container-Start=10&X-Plex-Container-Size=5", token);
    expect(q.Metadata?.map((m) => m.ratingKey)).toEqual(h.Metadata.map((m) => m.ratingKey));
    const all = await keys("sort=titleSort");
    expect(h.Metadata.map((m) => m.ratingKey)).toEqual(all.slice(10, 15));
  });

  it("X-Plex-Container-Size=0 returns only the total; paging applies after filters", async () => {
    const zero = await container(plex, "/library/sections/1/all?contentRating=G&X-Plex-Container-Size=0", token);
    expect(zero.size).toBe(0);
    expect(zero.Metadata).toBeUndefined();
    expect(zero.totalSize).toBe(plex.library.films.filter((f) => f.contentRating === "G").length);
    const last = await container(plex, `/library/sections/1/all?X-Plex-Container-Start=790&X-Plex-Container-Size=50`, token);
    expect(last.size).toBe(10);
    const beyond = await container(plex, `/library/sections/1/all?X-Plex-Container-Start=5000&X-Plex-Container-Size=50`, token);
    expect([beyond.size, beyond.totalSize]).toEqual([0, 800]);
  });

  it("limit caps the results", async () => {
    const mc = await container(plex, "/library/sections/1/all?limit=7", token);
    expect([mc.size, mc.totalSize]).toEqual([7, 7]);
  });
});
