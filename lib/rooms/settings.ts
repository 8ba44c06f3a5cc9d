import { z } from "zod";
import { parseStoredJson } from "../db/stored-json";
import type { MatchRule } from "./match-rule";

/** What the host chooses when creating a room (the body of POST /api/rooms). */
export const createRoomInputSchema = z
  .object({
    sectionIds: z.array(z.string().regex(/^\d{1,9}$/)).min(1).max(10),
    genresInclude: z.array(z.string().regex(/^\d{1,9}$/)).max(50).default([]),
    genresExclude: z.array(z.string().regex(/^\d{1,9}$/)).max(50).default([]),
    yearFrom: z.number().int().min(1870).max(2100).optional(),
    yearTo: z.number().int().min(1870).max(2100).optional(),
    /** Age limit: films rated for at most this age (from the ratings the server uses). */
    maxAge: z.number().int().min(0).max(21).optional(),
    unwatchedOnly: z.boolean().default(false),
    maxMinutes: z.number().int().min(1).max(1000).optional(),
    minRating: z.number().min(0).max(10).optional(),
    order: z.enum(["shuffled", "topRated", "recentlyAdded"]).default("shuffled"),
    matchRule: z.enum(["all", "atLeast"]).default("all"),
    matchThreshold: z.number().int().min(1).max(50).optional(),
    guestsAllowed: z.boolean().default(true),
  })
  .strict()
  .refine((v) => new Set(v.sectionIds).size === v.sectionIds.length, { message: "Choose each library only once.", path: ["sectionIds"] })
  .refine((v) => v.yearFrom === undefined || v.yearTo === undefined || v.yearFrom <= v.yearTo, { message: "yearFrom must not be after yearTo", path: ["yearFrom"] })
  .refine((v) => v.matchRule !== "atLeast" || v.matchThreshold !== undefined, { message: "matchThreshold is needed with the rule atLeast", path: ["matchThreshold"] });
export type CreateRoomInput = z.infer<typeof createRoomInputSchema>;

/** What a room stores (Room.settings): the input plus what was resolved at creation. */
export const roomSettingsSchema = z.object({
  filters: z.object({
    genresInclude: z.array(z.string()),
    genresExclude: z.array(z.string()),
    yearFrom: z.number().optional(),
    yearTo: z.number().optional(),
    maxAge: z.number().optional(),
    /** The server's ratings allowed by maxAge when the room was made. */
    contentRatings: z.array(z.string()).optional(),
    unwatchedOnly: z.boolean(),
    maxMinutes: z.number().optional(),
    minRating: z.number().optional(),
  }),
  order: z.enum(["shuffled", "topRated", "recentlyAdded"]),
  /**
   * Top rated or recently added over several libraries, merged by the order's key. Rooms made
   * before merging existed list one library after the other and keep doing so.
   */
  merged: z.boolean().optional(),
  /** Sections in deck order with the number of matching films in each at creation. */
  sections: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      total: z.number().int().min(0),
      /** The rating the library fills (rooms made before this was stored read `rating`). */
      ratingField: z.enum(["rating", "audienceRating"]).optional(),
    }),
  ),
});
export type RoomSettings = z.infer<typeof roomSettingsSchema>;

/** The settings stored in Room.settings, checked; an AppError when they do not read as settings. */
export function parseStoredRoomSettings(text: string): RoomSettings {
  return parseStoredJson({ schema: roomSettingsSchema, text, what: "room settings" });
}
export type RoomFilters = RoomSettings["filters"];

/** Which of Plex's two rating fields a library fills (see ratingFieldOf in library-ratings.ts). */
export type RatingField = "rating" | "audienceRating";

/**
 * The filters as the Plex server's own query parameters, so the server does the filtering:
 * genre ids (comma = any of), `genre!=` to exclude, `year>=`/`year<=`, contentRating (the allowed
 * list), `unwatched=1` (watch state of the token's user: the host), `duration<=` (milliseconds),
 * `rating>=` or `audienceRating>=` (the rating the library has). Ranges keep their end points:
 * Plex's `>>=` and `<<=` are "greater than" and "less than" (PLEX_API.md §7.4), so they are not
 * used. URLSearchParams turns the key `year>` and value `2000` into `year%3E=2000`, which Plex
 * decodes back to `year>=2000`.
 */
export function toPlexFilters(filters: RoomFilters, ratingField: RatingField = "rating"): Record<string, string> {
  const out: Record<string, string> = {};
  if (filters.genresInclude.length) out.genre = filters.genresInclude.join(",");
  if (filters.genresExclude.length) out["genre!"] = filters.genresExclude.join(",");
  if (filters.yearFrom !== undefined) out["year>"] = String(filters.yearFrom);
  if (filters.yearTo !== undefined) out["year<"] = String(filters.yearTo);
  if (filters.contentRatings) out.contentRating = filters.contentRatings.length ? filters.contentRatings.join(",") : "none";
  if (filters.unwatchedOnly) out.unwatched = "1";
  if (filters.maxMinutes !== undefined) out["duration<"] = String(filters.maxMinutes * 60_000);
  if (filters.minRating !== undefined) out[`${ratingField}>`] = String(filters.minRating);
  return out;
}

/**
 * The order the deck reads a library in. Top rated sorts by the rating the library fills; a
 * shuffled deck reads in order of addition (new films go to the end, so positions already dealt
 * keep their film) and permutes positions itself. Plex promises no order among films with equal
 * keys (films added in the same second come in either order from one request to the next), so
 * `titleSort` follows as the tie-breaker.
 */
export function toPlexSort(order: RoomSettings["order"], ratingField: RatingField = "rating"): string {
  if (order === "topRated") return `${ratingField}:desc,titleSort`;
  if (order === "recentlyAdded") return "addedAt:desc,titleSort";
  return "addedAt,titleSort";
}

export function toMatchRule(room: { matchRule: string; matchThreshold: number | null }): MatchRule {
  return room.matchRule === "atLeast" ? { kind: "atLeast", count: room.matchThreshold ?? 2 } : { kind: "all" };
}
