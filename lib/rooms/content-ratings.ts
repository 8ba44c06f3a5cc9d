/**
 * Minimum ages for the content ratings Plex servers use: US film and TV ratings, and the
 * "country/rating" form Plex agents write for other countries ("gb/12A", "de/16"), whose number is
 * the age. Ratings we do not know ("NR", "Not Rated") have no age, so an age limit leaves them out.
 */
const US_AGES: Record<string, number> = {
  G: 0,
  "TV-Y": 0,
  "TV-G": 0,
  "TV-Y7": 7,
  "TV-Y7-FV": 7,
  PG: 8,
  "TV-PG": 8,
  "PG-13": 13,
  "TV-14": 14,
  R: 17,
  "TV-MA": 17,
  "NC-17": 18,
};

const COUNTRY_WORDS: Record<string, number> = { U: 0, UC: 0, PG: 8, A: 0, AL: 0, TP: 0, "E": 0, "X": 18, R18: 18 };

/** The minimum age for a content rating, or undefined when it is not known. */
export function contentRatingAge(rating: string): number | undefined {
  const r = rating.trim();
  if (r in US_AGES) return US_AGES[r];
  const slash = r.indexOf("/");
  if (slash > 0) {
    const local = r.slice(slash + 1).toUpperCase();
    const digits = /^(?:[A-Z]*-?)?(\d{1,2})[A-Z+]*$/.exec(local);
    if (digits) return Number(digits[1]);
    if (local in COUNTRY_WORDS) return COUNTRY_WORDS[local];
    if (local in US_AGES) return US_AGES[local];
  }
  return undefined;
}

/** The server's ratings that are allowed up to `maxAge` (for the contentRating= filter). */
export function allowedContentRatings(options: { ratings: string[]; maxAge: number }): string[] {
  return options.ratings.filter((r) => {
    const age = contentRatingAge(r);
    return age !== undefined && age <= options.maxAge;
  });
}

/** The server's ratings with a known age, youngest first: the choices of an age limit. */
export function sortContentRatings(ratings: string[]): { rating: string; age: number }[] {
  return ratings
    .flatMap((rating) => {
      const age = contentRatingAge(rating);
      return age === undefined ? [] : [{ rating, age }];
    })
    .sort((a, b) => a.age - b.age || a.rating.localeCompare(b.rating));
}
