import "server-only";
import type { PmsClient } from "../plex/pms";
import type { RatingField } from "./settings";

/**
 * The rating a library actually fills. Plex's `rating` is the critic rating (Rotten Tomatoes);
 * libraries whose ratings come from IMDb or TMDB fill only `audienceRating` (PLEX_API.md §7.6,
 * `audienceRatingImage` `imdb://image.rating` / `themoviedb://image.rating`). The library's best
 * critic-rated film answers: when even it has no `rating`, none has, and `audienceRating` is used.
 */
export async function ratingFieldOf(options: { pms: PmsClient; sectionId: string }): Promise<RatingField> {
  const page = await options.pms.listMovies(options.sectionId, { start: 0, size: 1, sort: "rating:desc" });
  const top = page.items[0];
  if (!top || top.rating !== undefined) return "rating";
  return top.audienceRating !== undefined ? "audienceRating" : "rating";
}
