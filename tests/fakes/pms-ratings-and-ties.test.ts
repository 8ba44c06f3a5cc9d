import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakePlex } from "../fake-plex";
import { container, type MetadataItem, start } from "./helpers";

let plex: FakePlex;
let token: string;
beforeAll(async () => {
  plex = await start({ films: 400, seed: "ties", imdbRatedSections: ["2"] });
  token = plex.fixtures.owner.token;
});
afterAll(async () => {
  await plex.close();
});

const list = async (section: string, query: string) => (await container(plex, `/library/sections/${section}/all?${query}`, token)).Metadata ?? [];

describe("fake PMS: a library rated by IMDb (PLEX_API.md §7.6: rating is the critic's, audienceRating with imdb://image.rating)", () => {
  it("lists audienceRating and no critic rating for its films", async () => {
    const docs = await list("2", "sort=titleSort");
    expect(docs.length).toBeGreaterThan(0);
    for (const m of docs) {
      expect(m.rating).toBeUndefined();
      expect(typeof m.audienceRating).toBe("number");
      expect(m.audienceRatingImage).toBe("imdb://image.rating");
    }
    const films = await list("1", "sort=titleSort");
    expect(films.every((m) => typeof m.rating === "number" && String(m.ratingImage).startsWith("rottentomatoes://"))).toBe(true);
  });

  it("a rating filter matches none of its films; audienceRating filters them", async () => {
    expect(await list("2", "rating>=0")).toHaveLength(0);
    const want = plex.library.documentaries.filter((f) => f.audienceRating >= 6).map((f) => f.ratingKey).sort();
    expect((await list("2", "audienceRating>=6")).map((m) => m.ratingKey).sort()).toEqual(want);
  });
});

describe("fake PMS: films added in the same second", () => {
  const ties = (ms: MetadataItem[]) => ms.filter((m, i) => ms.some((o, j) => i !== j && o.addedAt === m.addedAt));

  it("the library has them", () => {
    const counts = new Map<number, number>();
    for (const f of plex.library.films) counts.set(f.addedAt, (counts.get(f.addedAt) ?? 0) + 1);
    expect([...counts.values()].filter((n) => n > 1).length).toBeGreaterThan(20);
  });

  it("sort=addedAt alone leaves their order open: it differs between requests", async () => {
    const a = await list("1", "sort=addedAt");
    const b = await list("1", "sort=addedAt");
    expect(a.map((m) => m.addedAt)).toEqual(b.map((m) => m.addedAt));
    expect(ties(a).map((m) => m.ratingKey)).not.toEqual(ties(b).map((m) => m.ratingKey));
  });

  it("sort=addedAt,titleSort (and addedAt:desc,titleSort) orders them by title, the same every time", async () => {
    for (const sort of ["addedAt", "addedAt:desc"]) {
      const a = await list("1", `sort=${sort},titleSort`);
      const b = await list("1", `sort=${sort},titleSort`);
      expect(a.map((m) => m.ratingKey)).toEqual(b.map((m) => m.ratingKey));
      for (let i = 1; i < a.length; i++) {
        const p = a[i - 1] as MetadataItem;
        const m = a[i] as MetadataItem;
        if (p.addedAt === m.addedAt) expect((p.titleSort ?? p.title).toLowerCase() < (m.titleSort ?? m.title).toLowerCase()).toBe(true);
        else expect(sort === "addedAt" ? p.addedAt < m.addedAt : p.addedAt > m.addedAt).toBe(true);
      }
    }
  });
});
