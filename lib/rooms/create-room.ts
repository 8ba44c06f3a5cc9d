import "server-only";
import { randomBytes } from "node:crypto";
import { getDb } from "../db/client";
import { AppError } from "../errors";
import type { PmsClient } from "../plex/pms";
import { isFilmSection } from "../plex/sections";
import { generateRoomCode } from "./codes";
import type { RoomWithSettings } from "./get-room-or-throw";
import { allowedContentRatings, sortContentRatings } from "./content-ratings";
import { ratingFieldOf } from "./library-ratings";
import { toPlexFilters, toPlexSort, type CreateRoomInput, type RatingField, type RoomSettings } from "./settings";
import { refusal } from "../i18n/api-errors";

/**
 * Opens a room: checks the chosen libraries and counts the films that match (see countRoomFilms:
 * with the host's own token, so a restricted host's limits apply), and stores the room with its
 * shuffle seed and the host as its first participant. No film is downloaded here: the deck is
 * dealt page by page.
 */
export async function createRoom(options: { hostUserId: string; input: CreateRoomInput; pms: PmsClient; restricted?: boolean }): Promise<RoomWithSettings> {
  const { input } = options;
  const { settings, deckSize } = await countRoomFilms(options);
  if (deckSize === 0) throw refusal("invalid_input", "noFilmMatches");

  const db = getDb();
  for (let attempt = 0; ; attempt++) {
    try {
      const room = await db.room.create({
        data: {
          code: generateRoomCode(),
          hostUserId: options.hostUserId,
          settings: JSON.stringify(settings),
          matchRule: input.matchRule,
          matchThreshold: input.matchRule === "atLeast" ? (input.matchThreshold ?? 2) : null,
          guestsAllowed: input.guestsAllowed,
          seed: randomBytes(16).toString("hex"),
          deckSize,
          participants: { create: { userId: options.hostUserId } },
        },
      });
      return { ...room, parsedSettings: settings };
    } catch (error) {
      // A code collision (unique constraint) is astronomically rare; try another code.
      if (attempt >= 4 || (error as { code?: string }).code !== "P2002") throw error;
    }
  }
}

/**
 * What a room with these choices would deal: checks the chosen libraries, resolves the age limit
 * to the content ratings the server actually uses, and asks the server (with the person's own
 * token, so Plex applies their restrictions) how many films match in each library (one request
 * each with a page size of 0). A restricted profile (a child's) cannot set an age limit above the
 * ratings it may see. The create-room form shows the count live; createRoom stores the rest.
 */
export async function countRoomFilms(options: { input: CreateRoomInput; pms: PmsClient; restricted?: boolean }): Promise<{ settings: RoomSettings; deckSize: number }> {
  const { input, pms } = options;
  const chosenSections = pms.listSections().then((sections) =>
    input.sectionIds.map((id) => {
      const section = sections.find((s) => s.key === id);
      if (!section || !isFilmSection(section)) {
        throw new AppError("invalid_input", `Library ${id} is not a film library on this server. Choose one of the film libraries the form offers.`);
      }
      return section;
    }),
  );

  let contentRatings: string[] | undefined;
  if (input.maxAge !== undefined) {
    const used = new Set<string>();
    for (const section of await chosenSections) for (const r of await pms.listContentRatings(section.key)) used.add(r.key);
    // With a restricted profile's token Plex lists only the ratings that profile may see.
    if (options.restricted) assertAgeLimitAllowed({ maxAge: input.maxAge, ratings: [...used] });
    contentRatings = allowedContentRatings({ ratings: [...used], maxAge: input.maxAge });
  }

  const filters: RoomSettings["filters"] = {
    genresInclude: input.genresInclude,
    genresExclude: input.genresExclude,
    yearFrom: input.yearFrom,
    yearTo: input.yearTo,
    maxAge: input.maxAge,
    contentRatings,
    unwatchedOnly: input.unwatchedOnly,
    maxMinutes: input.maxMinutes,
    minRating: input.minRating,
  };
  // The counts are asked for while the libraries are checked (one round trip to Plex, not two);
  // a library that is not a film library is reported as such, whatever its count request said.
  // Top rated and a minimum rating first find out which rating each library fills.
  const usesRating = input.order === "topRated" || input.minRating !== undefined;
  const countSection = async (id: string) => {
    const ratingField: RatingField = usesRating ? await ratingFieldOf({ pms, sectionId: id }) : "rating";
    const page = await pms.listMovies(id, { start: 0, size: 0, filters: toPlexFilters(filters, ratingField), sort: toPlexSort(input.order, ratingField) });
    return { ratingField, totalSize: page.totalSize };
  };
  const [checked, counted] = await Promise.allSettled([chosenSections, Promise.all(input.sectionIds.map(countSection))]);
  if (checked.status === "rejected") throw checked.reason;
  if (counted.status === "rejected") throw counted.reason;
  const chosen = checked.value;
  const totals = counted.value;
  const settings: RoomSettings = {
    filters,
    order: input.order,
    merged: input.order !== "shuffled" && chosen.length > 1,
    sections: chosen.map((s, i) => ({ id: s.key, title: s.title, total: totals[i]?.totalSize ?? 0, ...(usesRating ? { ratingField: totals[i]?.ratingField } : {}) })),
  };
  return { settings, deckSize: settings.sections.reduce((sum, s) => sum + s.total, 0) };
}


/** A restricted profile's age limit may not go above the oldest rating it may see (422 otherwise). */
function assertAgeLimitAllowed(options: { maxAge: number; ratings: string[] }): void {
  const sorted = sortContentRatings(options.ratings);
  const highest = sorted[sorted.length - 1];
  if (highest && options.maxAge <= highest.age) return;
  const details = { maxAllowedAge: highest?.age ?? null };
  throw highest
    ? refusal("invalid_input", "ageLimitTooHigh", { rating: highest.rating, age: highest.age, maxAge: options.maxAge }, { details })
    : refusal("invalid_input", "ageLimitNoRatings", { maxAge: options.maxAge }, { details });
}
