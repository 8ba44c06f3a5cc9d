import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allowedContentRatings, contentRatingAge, sortContentRatings } from "@/lib/rooms/content-ratings";
import { isMatch, likesNeeded } from "@/lib/rooms/match-rule";
import { buildPlexLinks } from "@/lib/rooms/plex-links";
import { createRoomInputSchema, toPlexFilters, toPlexSort } from "@/lib/rooms/settings";

describe("match rules", () => {
  it("everyone: all people in the room, and at least two", () => {
    const rule = { kind: "all" } as const;
    expect(isMatch({ rule, likes: 4, participants: 4 })).toBe(true);
    expect(isMatch({ rule, likes: 3, participants: 4 })).toBe(false);
    expect(isMatch({ rule, likes: 1, participants: 1 })).toBe(false);
    expect(isMatch({ rule, likes: 2, participants: 2 })).toBe(true);
    expect(likesNeeded({ rule, participants: 4 })).toBe(4);
  });

  it("at least N likes, however many people", () => {
    const rule = { kind: "atLeast", count: 2 } as const;
    expect(isMatch({ rule, likes: 2, participants: 6 })).toBe(true);
    expect(isMatch({ rule, likes: 1, participants: 6 })).toBe(false);
    expect(likesNeeded({ rule, participants: 6 })).toBe(2);
  });
});

describe("content ratings and the age limit", () => {
  it("knows US ratings and country/age ratings; unknown ones have no age", () => {
    expect(contentRatingAge("G")).toBe(0);
    expect(contentRatingAge("PG-13")).toBe(13);
    expect(contentRatingAge("R")).toBe(17);
    expect(contentRatingAge("gb/12A")).toBe(12);
    expect(contentRatingAge("de/12")).toBe(12);
    expect(contentRatingAge("gb/U")).toBe(0);
    expect(contentRatingAge("gb/15")).toBe(15);
    expect(contentRatingAge("NR")).toBeUndefined();
    expect(contentRatingAge("Not Rated")).toBeUndefined();
  });

  it("knows every rating string of plex.tv's restriction presets, each within its preset's ages", () => {
    // shared/plex-reference/samples/restriction-profile-presets.json: the allow-lists plex.tv writes
    // for little_kid, older_kid and teen; each list holds the one before it.
    const presetsFile = path.resolve(__dirname, "../../../shared/plex-reference/samples/restriction-profile-presets.json");
    const presets = JSON.parse(readFileSync(presetsFile, "utf8")) as Record<"little_kid" | "older_kid" | "teen", { allowedContentRatings: string[] }>;
    const tiers = [
      { preset: presets.little_kid, min: 0, max: 5 },
      { preset: presets.older_kid, min: 6, max: 11 },
      { preset: presets.teen, min: 12, max: 14 },
    ];
    expect(presets.teen.allowedContentRatings).toHaveLength(103);
    const seen = new Set<string>();
    const wrong: string[] = [];
    for (const { preset, min, max } of tiers) {
      for (const rating of preset.allowedContentRatings) {
        if (seen.has(rating)) continue;
        seen.add(rating);
        const age = contentRatingAge(rating);
        if (age === undefined || age < min || age > max) wrong.push(`${rating}: ${age} (expected ${min}-${max})`);
      }
    }
    expect(wrong).toEqual([]);
    expect(seen.size).toBe(103);
  });

  it("reads NC-17 (no one 17 and under) as 18 in every spelling", () => {
    expect(contentRatingAge("NC-17")).toBe(18);
    expect(contentRatingAge("US/NC-17")).toBe(18);
    expect(contentRatingAge("US/R")).toBe(17);
    expect(contentRatingAge("FSK 16")).toBe(16);
    expect(contentRatingAge("UK: 15")).toBe(15);
  });

  it("allows the server's ratings up to the age", () => {
    const ratings = ["G", "gb/U", "PG", "gb/PG", "PG-13", "gb/12A", "de/12", "R", "gb/15", "NR", "Not Rated"];
    expect(allowedContentRatings({ ratings, maxAge: 12 }).sort()).toEqual(["G", "PG", "de/12", "gb/12A", "gb/PG", "gb/U"].sort());
    expect(sortContentRatings(ratings)[0]?.age).toBe(0);
  });
});

describe("filters pushed down to Plex", () => {
  it("maps every filter to Plex's own query parameters", () => {
    expect(
      toPlexFilters({
        genresInclude: ["89", "17"],
        genresExclude: ["5"],
        yearFrom: 1990,
        yearTo: 2005,
        contentRatings: ["G", "PG"],
        unwatchedOnly: true,
        maxMinutes: 120,
        minRating: 7.5,
      }),
    ).toEqual({ genre: "89,17", "genre!": "5", "year>": "1990", "year<": "2005", contentRating: "G,PG", unwatched: "1", "duration<": "7200000", "rating>": "7.5" });
    expect(toPlexFilters({ genresInclude: [], genresExclude: [], unwatchedOnly: false, minRating: 6 }, "audienceRating")).toEqual({ "audienceRating>": "6" });
    expect(toPlexFilters({ genresInclude: [], genresExclude: [], unwatchedOnly: false })).toEqual({});
    expect(toPlexSort("topRated")).toBe("rating:desc,titleSort");
    expect(toPlexSort("topRated", "audienceRating")).toBe("audienceRating:desc,titleSort");
    expect(toPlexSort("recentlyAdded")).toBe("addedAt:desc,titleSort");
    expect(toPlexSort("shuffled")).toBe("addedAt,titleSort");
  });

  it("validates the create-room input", () => {
    expect(createRoomInputSchema.safeParse({ sectionIds: ["1"] }).success).toBe(true);
    expect(createRoomInputSchema.safeParse({ sectionIds: [] }).success).toBe(false);
    expect(createRoomInputSchema.safeParse({ sectionIds: ["1"], yearFrom: 2010, yearTo: 2000 }).success).toBe(false);
    expect(createRoomInputSchema.safeParse({ sectionIds: ["1"], matchRule: "atLeast" }).success).toBe(false);
    expect(createRoomInputSchema.safeParse({ sectionIds: ["1"], bogus: 1 }).success).toBe(false);
  });
});

describe("Open in Plex links", () => {
  it("builds the web app link and the plex:// link from the machine identifier", () => {
    expect(buildPlexLinks({ machineIdentifier: "abc123", ratingKey: "42" })).toEqual({
      web: "https://app.plex.tv/desktop/#!/server/abc123/details?key=%2Flibrary%2Fmetadata%2F42",
      app: "plex://preplay/?metadataKey=%2Flibrary%2Fmetadata%2F42&server=abc123",
    });
  });
});
