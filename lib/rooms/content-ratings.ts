/**
 * Minimum ages for the content ratings Plex servers use: US film and TV ratings, the
 * "country/rating" form Plex agents write for other countries ("gb/12A", "de/16"), the older
 * "UK: 12a" form, and the other spellings plex.tv's own restriction presets list ("FSK 12",
 * "Ab 12 Jahren", "CSM 12", "12+", "14A", "br/L"). Ratings we do not know ("NR", "Not Rated") have
 * no age, so an age limit leaves them out.
 */
const US_AGES: Record<string, number> = {
  G: 0,
  "TV-Y": 0,
  "TV-G": 0,
  "TV-Y7": 7,
  "TV-Y7-FV": 7,
  PG: 8,
  /** The US rating that became PG in 1972. */
  GP: 8,
  "TV-PG": 8,
  "PG-13": 13,
  "TV-14": 14,
  R: 17,
  "TV-MA": 17,
  /** "No one 17 and under admitted". */
  "NC-17": 18,
  X: 18,
};

/** Country ratings that are words: all ages (gb/U, br/L "Livre", es/APTA, se/Btl, nl/AL, fr "Tous publics", dk/kr A), adults. */
const COUNTRY_WORDS: Record<string, number> = {
  U: 0,
  UC: 0,
  A: 0,
  AL: 0,
  TP: 0,
  E: 0,
  L: 0,
  LIVRE: 0,
  APTA: 0,
  BTL: 0,
  "TOUS PUBLICS": 0,
  PG: 8,
  X: 18,
  R18: 18,
};

/** An age written with digits: "12", "12+", "12A", "14A", "13+", "FSK 12", "Ab 12 Jahren", "CSM 12", "M18". */
const DIGIT_FORMS = [/^(\d{1,2})(?:\+|A)?$/, /^(?:FSK|CSM) (\d{1,2})$/, /^AB (\d{1,2}) JAHREN$/, /^[A-Z]{1,2}-?(\d{1,2})[A-Z+]*$/];

function ageOfLocal(local: string, withCountry: boolean): number | undefined {
  if (local in US_AGES) return US_AGES[local];
  if (withCountry && local in COUNTRY_WORDS) return COUNTRY_WORDS[local];
  for (const form of DIGIT_FORMS) {
    const digits = form.exec(local);
    if (digits) return Number(digits[1]);
  }
  return undefined;
}

/** The minimum age for a content rating, or undefined when it is not known. */
export function contentRatingAge(rating: string): number | undefined {
  const r = rating.trim().toUpperCase().replace(/\s+/g, " ");
  // "gb/12A", "US/PG-13" (Plex agents) and "UK: 12a" (older agents): a country, then its rating.
  const country = /^([A-Z]{2,3})(?:\/|: )(.+)$/.exec(r);
  if (country) return ageOfLocal((country[2] ?? "").trim(), true);
  return ageOfLocal(r, false);
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

/** Country codes as people say them where that differs from ISO 3166 ("gb/12A" is a UK rating). */
const COUNTRY_NAMES: Record<string, string> = { GB: "UK" };

/**
 * A rating as a person reads it, with its country kept, so that ratings of the same name from
 * different countries stay apart: "gb/12A" -> "UK 12A", "de/12" -> "DE 12", "UK: 12a" -> "UK 12A",
 * and the US ratings Plex writes without a country ("PG-13", "TV-14") -> "US PG-13".
 */
export function contentRatingLabel(rating: string): string {
  const r = rating.trim().replace(/\s+/g, " ");
  const country = /^([A-Za-z]{2,3})(?:\/|: )(.+)$/.exec(r);
  if (country) {
    const code = (country[1] ?? "").toUpperCase();
    return `${COUNTRY_NAMES[code] ?? code} ${(country[2] ?? "").trim().toUpperCase()}`;
  }
  return r.toUpperCase() in US_AGES ? `US ${r.toUpperCase()}` : r;
}

/** An age limit's choice as the create form shows it: "12+ (UK 12A, DE 12)", "All ages (US G, UK U)". */
export function ageChoiceLabel(ageText: string, ratings: readonly string[]): string {
  const labels = [...new Set(ratings.map(contentRatingLabel))];
  return `${ageText}${labels.length ? ` (${labels.join(", ")})` : ""}`;
}
