import { describe, expect, it } from "vitest";
import { PlexError } from "@/lib/plex/errors";
import type { PlexMovie } from "@/lib/plex/schemas";
import { visibleRatingKeys } from "@/lib/rooms/visible-rating-keys";

/** A Plex server's /library/metadata/{ids} for a token that may see `allowed`, in either style. */
function server(style: "omits" | "refuses", allowed: Set<string>, baseUrl: string) {
  const calls: string[][] = [];
  return {
    calls,
    pms: {
      baseUrl,
      getMovies(keys: string[]): Promise<PlexMovie[]> {
        calls.push(keys);
        const seen = keys.filter((k) => allowed.has(k));
        if (!seen.length || (style === "refuses" && seen.length < keys.length)) return Promise.reject(new PlexError("not_found", "404"));
        return Promise.resolve(seen.map((ratingKey) => ({ ratingKey }) as PlexMovie));
      },
    },
  };
}

const keys = Array.from({ length: 250 }, (_, i) => String(1000 + i));
const allowed = new Set(keys.filter((_, i) => i % 3 === 0 && i < 200));

describe("which films a restricted token may see", () => {
  it("a server that leaves hidden items out: one request per hundred films", async () => {
    const s = server("omits", allowed, "http://omits");
    expect(await visibleRatingKeys({ pms: s.pms, keys })).toEqual(allowed);
    expect(s.calls.map((c) => c.length)).toEqual([100, 100, 50]);
    // once it is known to leave items out, a 404 for a list means none of them (no splitting)
    s.calls.length = 0;
    expect(await visibleRatingKeys({ pms: s.pms, keys: keys.slice(200) })).toEqual(new Set());
    expect(s.calls).toHaveLength(1);
  });

  it("a server that refuses a whole list for one hidden item: asked again in halves, same answer", async () => {
    const s = server("refuses", allowed, "http://refuses");
    expect(await visibleRatingKeys({ pms: s.pms, keys })).toEqual(allowed);
    expect(await visibleRatingKeys({ pms: s.pms, keys: ["1000"] })).toEqual(new Set(["1000"]));
    expect(await visibleRatingKeys({ pms: s.pms, keys: ["1001"] })).toEqual(new Set());
  });

  it("other errors are not taken for hidden films", async () => {
    const pms = { baseUrl: "http://down", getMovies: () => Promise.reject(new PlexError("unreachable", "down")) };
    await expect(visibleRatingKeys({ pms, keys })).rejects.toThrow("down");
  });
});
