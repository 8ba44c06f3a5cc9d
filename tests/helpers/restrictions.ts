import { RESTRICTION_PRESET_FILTERS, type RestrictionProfile } from "../fake-plex/fixtures";

/** The content ratings a Plex restriction preset allows (decoded from its filterMovies string). */
export function allowedRatings(profile: RestrictionProfile): Set<string> {
  const clause = RESTRICTION_PRESET_FILTERS[profile].split(/[|&]/).find((c) => c.startsWith("contentRating="))!;
  const values = clause.slice("contentRating=".length).split("%2C");
  return new Set(values.map((v) => decodeURIComponent(v.replace(/\+/g, " "))));
}
