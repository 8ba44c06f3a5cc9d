import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateLibrary } from "../fake-plex/library";
import type { FakePlex } from "../fake-plex";
import { call, start, type MediaContainer } from "./helpers";

let plex: FakePlex;
beforeAll(async () => {
  plex = await start({ films: 50_000 });
});
afterAll(async () => {
  await plex.close();
});

async function page(path: string, token: string, start: number, size: number): Promise<MediaContainer> {
  const res = await call(plex.pmsUrl, path, {
    token,
    clientId: null,
    headers: { "X-Plex-Container-Start": String(start), "X-Plex-Container-Size": String(size) },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get("X-Plex-Container-Total-Size")).not.toBeNull();
  return ((await res.json()) as { MediaContainer: MediaContainer }).MediaContainer;
}

describe("fake PMS at 50,000 films", () => {
  it("generates 50,000 films well under a second", () => {
    const t = performance.now();
    const lib = generateLibrary({ films: 50_000, seed: "timing" });
    const ms = performance.now() - t;
    expect(lib.films.length).toBe(50_000);
    expect(ms).toBeLessThan(3000); // ~300 ms unloaded; the bound only catches regressions on busy shared machines
  });

  it("walks every page of 1000: each ratingKey exactly once, totalSize right", async () => {
    const token = plex.fixtures.owner.token;
    const seen = new Set<string>();
    let total = -1;
    const t = performance.now();
    for (let start = 0; ; start += 1000) {
      // titleSort orders films added in the same second (addedAt alone leaves them open, like Plex).
      const mc = await page("/library/sections/1/all?sort=addedAt:desc,titleSort", token, start, 1000);
      total = mc.totalSize ?? -1;
      expect(mc.offset).toBe(start);
      for (const m of mc.Metadata ?? []) {
        expect(seen.has(m.ratingKey)).toBe(false);
        seen.add(m.ratingKey);
      }
      if (start + 1000 >= total) break;
    }
    const ms = performance.now() - t;
    expect(total).toBe(50_000);
    expect(seen.size).toBe(50_000);
    expect(new Set(plex.library.films.map((f) => f.ratingKey))).toEqual(seen);
    expect(ms).toBeLessThan(30_000);
  });

  it("walks the kid's restricted view: totalSize counts only allowed films", async () => {
    const token = plex.fixtures.kid.serverToken ?? "";
    const first = await page("/library/sections/1/all", token, 0, 1000);
    const total = first.totalSize ?? 0;
    expect(total).toBeGreaterThan(5000);
    expect(total).toBeLessThan(15000);
    let count = first.size;
    for (let start = 1000; start < total; start += 1000) count += (await page("/library/sections/1/all", token, start, 1000)).size;
    expect(count).toBe(total);
  });

  it("serves a page of 100 in about 20 ms (warm)", async () => {
    // Paging through a query is served from the fake's result cache after the first page, so a
    // warm page costs O(page size). The bound is loose because test files run in parallel on
    // small shared machines; unloaded, these pages take a few milliseconds.
    const token = plex.fixtures.owner.token;
    for (const q of ["sort=titleSort", "sort=rating:desc", "genre=89&sort=audienceRating:desc", "unwatched=1&contentRating=PG,PG-13"]) {
      await page(`/library/sections/1/all?${q}`, token, 0, 100); // warm the sort index and result cache
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        await page(`/library/sections/1/all?${q}`, token, 20_000 + i * 100, 100);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      expect(times[2], q).toBeLessThan(100); // median of 5
    }
  });
});
