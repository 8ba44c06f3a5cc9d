/**
 * Deterministic film library for the fake Plex Media Server.
 *
 * Core fields (everything filters and sorts need) are generated eagerly and cheaply; the long
 * detail fields (summary, cast, crew, guids) are derived lazily from each item's seed so that a
 * 50,000-film library is built in well under a second.
 */
import { createRng, hashString, hexFrom, mix, unit, type Rng } from "./prng";

export interface Tag {
  id: number;
  tag: string;
}

export type ItemType = "movie" | "show";
export type Resolution = "4k" | "1080" | "720" | "sd";

export interface LibraryItem {
  type: ItemType;
  /** numeric form of ratingKey */
  rk: number;
  ratingKey: string;
  sectionKey: string;
  /** position in its section's item array */
  index: number;
  title: string;
  titleSort: string;
  /** lowercase titleSort, used for sorting and `title=` matching */
  sortTitle: string;
  year: number;
  /** YYYY-MM-DD */
  originallyAvailableAt: string;
  /** originallyAvailableAt as epoch seconds (UTC midnight), for sorting/filtering */
  releasedAt: number;
  /** milliseconds (per episode for shows) */
  duration: number;
  contentRating: string;
  genres: readonly Tag[];
  labels: readonly Tag[];
  /** critic rating 0-10, one decimal */
  rating: number;
  /** audience rating 0-10, one decimal */
  audienceRating: number;
  /**
   * Whether Plex holds a critic `rating` for it. Libraries whose ratings come from IMDb or TMDB
   * fill only `audienceRating` (PLEX_API.md §7.6: `ratingImage`/`audienceRatingImage`
   * `rottentomatoes://…`, `imdb://image.rating`, `themoviedb://image.rating`); the critic rating
   * of those films is absent, so `rating` filters never match them and they sort below any rating.
   */
  criticRated: boolean;
  /** epoch seconds */
  addedAt: number;
  updatedAt: number;
  studio: string;
  resolution: Resolution;
  /** shows only */
  childCount: number;
  leafCount: number;
  /** per-item seed for lazy details and the poster */
  seed: number;
}

export interface Person {
  id: number;
  tag: string;
  tagKey: string;
}

export interface ItemDetails {
  summary: string;
  tagline: string;
  guid: string;
  slug: string;
  imdbId: string;
  tmdbId: number;
  directors: Person[];
  writers: Person[];
  roles: (Person & { role: string })[];
  countries: Tag[];
}

export interface WatchState {
  viewCount: number;
  lastViewedAt: number | null;
  viewOffset: number | null;
}

export interface LibrarySectionInfo {
  key: string;
  title: string;
  type: ItemType;
  uuid: string;
  agent: string;
  scanner: string;
  locationPath: string;
  createdAt: number;
  items: LibraryItem[];
}

export interface Library {
  seed: string;
  /** the "Films" section (key "1") */
  films: LibraryItem[];
  /** the "Documentaries" section (key "2"), about 10% of the films count */
  documentaries: LibraryItem[];
  /** the "TV Shows" section (key "3"), a handful of shows */
  shows: LibraryItem[];
  /** the "Home Videos" section (key "4"): an "Other videos" library of the owner's own recordings */
  homeVideos: LibraryItem[];
  sections: LibrarySectionInfo[];
  genres: readonly Tag[];
  labels: readonly Tag[];
  /** the moment the library "was scanned": addedAt values are at most this (epoch seconds) */
  anchor: number;
  section(key: string): LibrarySectionInfo | undefined;
  item(ratingKey: string): LibraryItem | undefined;
  details(item: LibraryItem): ItemDetails;
  /** watch state of an item for an account that has watched `watchedShare` of everything */
  watchState(item: LibraryItem, accountId: number, watchedShare: number): WatchState;
  /**
   * Item indices of a section sorted ascending by a key (cached). Equal keys are in titleSort
   * order, or in the opposite order with `tiesReversed` (Plex promises no order among equal keys).
   */
  sortedIndices(sectionKey: string, sortKey: SortKey, tiesReversed?: boolean): Int32Array;
}

export const SORT_KEYS = [
  "titleSort",
  "title",
  "originallyAvailableAt",
  "year",
  "rating",
  "audienceRating",
  "duration",
  "addedAt",
  "updatedAt",
  "mediaHeight",
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** Genres with stable tag ids (ids as a real PMS would have assigned them). */
export const GENRES: readonly Tag[] = [
  { id: 89, tag: "Action" },
  { id: 17, tag: "Adventure" },
  { id: 58, tag: "Animation" },
  { id: 19, tag: "Comedy" },
  { id: 301, tag: "Crime" },
  { id: 1200, tag: "Documentary" },
  { id: 23, tag: "Drama" },
  { id: 1708, tag: "Family" },
  { id: 722, tag: "Fantasy" },
  { id: 1340, tag: "History" },
  { id: 311, tag: "Horror" },
  { id: 1511, tag: "Music" },
  { id: 402, tag: "Mystery" },
  { id: 205, tag: "Romance" },
  { id: 88, tag: "Science Fiction" },
  { id: 24, tag: "Thriller" },
  { id: 1620, tag: "War" },
  { id: 1915, tag: "Western" },
];

export const LABELS: readonly Tag[] = [
  { id: 90211, tag: "Family" },
  { id: 90212, tag: "Classics" },
  { id: 90213, tag: "Favourites" },
];

/** Fixed end of the addedAt spread (2025-06-01T00:00:00Z) so the library is seed-deterministic. */
export const LIBRARY_ANCHOR = 1748736000;
const THREE_YEARS = 3 * 365 * 86400;

const genre = (name: string): Tag => {
  const g = GENRES.find((x) => x.tag === name);
  if (!g) throw new Error(`unknown genre ${name}`);
  return g;
};
const label = (name: string): Tag => {
  const l = LABELS.find((x) => x.tag === name);
  if (!l) throw new Error(`unknown label ${name}`);
  return l;
};

const FILM_RATINGS: readonly (readonly [string, number])[] = [
  ["G", 12],
  ["gb/U", 6],
  ["PG", 17],
  ["gb/PG", 2],
  ["PG-13", 19],
  ["gb/12A", 5],
  ["de/12", 3],
  ["R", 20],
  ["gb/15", 4],
  ["NR", 6],
  ["Not Rated", 6],
];
const DOC_RATINGS: readonly (readonly [string, number])[] = [
  ["G", 15],
  ["gb/U", 5],
  ["PG", 25],
  ["PG-13", 15],
  ["gb/12A", 5],
  ["R", 5],
  ["NR", 15],
  ["Not Rated", 15],
];
const SHOW_RATINGS: readonly (readonly [string, number])[] = [
  ["TV-Y", 1],
  ["TV-G", 1],
  ["TV-PG", 1],
  ["TV-14", 2],
  ["TV-MA", 1],
];
const KID_RATINGS = new Set(["G", "gb/U", "TV-Y", "TV-G"]);
const FAMILY_RATINGS = new Set(["G", "gb/U", "PG", "gb/PG"]);

const ADJECTIVES = [
  "Silent", "Last", "Crimson", "Hidden", "Broken", "Golden", "Forgotten", "Distant", "Electric", "Secret",
  "Wild", "Quiet", "Burning", "Frozen", "Endless", "Lonely", "Restless", "Velvet", "Hollow", "Savage",
  "Gentle", "Scarlet", "Iron", "Paper", "Glass", "Bright", "Dark", "Lost", "Final", "Northern",
  "Southern", "Winter", "Summer", "Autumn", "Little", "Brave", "Stolen", "Sleeping", "Wandering", "Falling",
  "Rising", "Shining", "Bitter", "Sweet", "Empty", "Salt", "Silver", "Copper", "Emerald", "Midnight",
] as const;
const NOUNS = [
  "Harbour", "Horizon", "Garden", "River", "Mountain", "Kingdom", "Station", "Letter", "Mirror", "Lighthouse",
  "Orchard", "Island", "Highway", "Circus", "Forest", "Empire", "Engine", "Compass", "Voyage", "Promise",
  "Shadow", "Storm", "Tide", "Bridge", "Castle", "Signal", "Carnival", "Desert", "Meadow", "Canyon",
  "Frontier", "Lantern", "Melody", "Echo", "Hotel", "Window", "Valley", "Comet", "Harvest", "Archive",
  "Orbit", "Ember", "Fortune", "Parade", "Rebellion", "Season", "Summit", "Tower", "Village", "Whisper",
] as const;
const CITIES = [
  "Lisbon", "Paris", "Tokyo", "Havana", "Berlin", "Cairo", "Oslo", "Naples", "Marrakesh", "Prague",
  "Vienna", "Seoul", "Dublin", "Istanbul", "Kyoto", "Bombay", "Santiago", "Reykjavik", "Venice", "Budapest",
] as const;
const MOMENTS = ["Midnight", "Summer", "Winter", "Love", "Murder", "Rain", "Dawn", "Twilight", "Spring", "Autumn"] as const;
const FIRST_NAMES = [
  "Ada", "Bruno", "Clara", "Dev", "Elena", "Felix", "Greta", "Hugo", "Ines", "Jonas",
  "Kaito", "Lena", "Marco", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Stellan", "Tilda",
  "Umar", "Vera", "Wes", "Ximena", "Yusuf", "Zoe", "Amara", "Bo", "Cyril", "Dagny",
  "Emil", "Farah", "Gael", "Hana", "Ivo", "June", "Kofi", "Lior", "Mei", "Nils",
] as const;
const LAST_NAMES = [
  "Almeida", "Barros", "Castell", "Dumont", "Eriksen", "Ferrante", "Garnier", "Holm", "Ibarra", "Jensen",
  "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov", "Quaid", "Rinaldi", "Sato", "Tanaka",
  "Ueda", "Varga", "Whitlock", "Xu", "Yilmaz", "Zeller", "Abbott", "Brennan", "Costa", "Delacroix",
  "Engel", "Fischer", "Grady", "Haddad", "Iversen", "Jovanovic", "Kaur", "Laurent", "Marsh", "Novak",
] as const;
const OCCUPATIONS = [
  "lighthouse keeper", "retired detective", "young cartographer", "jazz pianist", "ship's cook", "botanist",
  "disgraced surgeon", "taxi driver", "schoolteacher", "circus acrobat", "night-shift nurse", "stage magician",
  "forger", "beekeeper", "radio operator", "chess prodigy",
] as const;
const EVENTS = [
  "finds a letter that was never meant to be delivered",
  "is pulled into a heist that goes wrong in every possible way",
  "must cross the country before the first snow falls",
  "inherits a crumbling hotel and the secrets inside it",
  "discovers that the town's oldest legend is true",
  "races against time to clear a friend's name",
  "falls for a stranger who vanishes every morning",
  "answers a distress call from a ship that sank decades ago",
  "agrees to one last job for an old friend",
  "sets out to find a missing sister",
] as const;
const SECOND_SENTENCES = [
  "Nothing goes to plan.",
  "What follows will change them forever.",
  "Old wounds reopen along the way.",
  "An unlikely friendship is the only way out.",
  "The truth is stranger than anyone imagined.",
  "Every choice has a price.",
  "Help arrives from the least expected place.",
] as const;
const TAGLINES = [
  "Some journeys never end.",
  "Nothing stays buried forever.",
  "Every story has a second side.",
  "Trust no one. Not even yourself.",
  "The adventure of a lifetime.",
  "One night can change everything.",
  "Home is where the heart hides.",
] as const;
const CHARACTER_NAMES = ["the Captain", "the Stranger", "Mother", "the Inspector", "the Mayor", "Young Girl", "the Pilot", "the Doctor"] as const;
const STUDIOS = ["Northlight Pictures", "Harbourside Films", "Blue Comet Studios", "Atlas & Fern", "Redwood Features", "Paper Lantern Pictures"] as const;
const COUNTRIES: readonly Tag[] = [
  { id: 58590, tag: "United States of America" },
  { id: 58591, tag: "United Kingdom" },
  { id: 58592, tag: "France" },
  { id: 58593, tag: "Germany" },
  { id: 58594, tag: "Japan" },
  { id: 58595, tag: "Portugal" },
];
const DOC_TOPICS = [
  "Oceans", "Mountains", "Bees", "Volcanoes", "Jazz", "Railways", "Glaciers", "Deserts", "Cities", "Owls",
  "Rivers", "Coral", "Clocks", "Bridges", "Wolves", "Salt", "Silk", "Comets", "Forests", "Islands",
] as const;
const DOC_PATTERNS = ["The Secret Life of {T}", "{T}: A Portrait", "Inside the World of {T}", "Chasing {T}", "The Last {T}", "Voices of {T}"] as const;

const RESOLUTIONS: readonly (readonly [Resolution, number])[] = [
  ["4k", 15],
  ["1080", 55],
  ["720", 20],
  ["sd", 10],
];
export const RESOLUTION_SIZE: Record<Resolution, { width: number; height: number; bitrate: number }> = {
  "4k": { width: 3840, height: 1608, bitrate: 24000 },
  "1080": { width: 1920, height: 800, bitrate: 8123 },
  "720": { width: 1280, height: 534, bitrate: 4100 },
  sd: { width: 720, height: 304, bitrate: 1500 },
};

function titleSortOf(title: string): string {
  if (title.startsWith("The ")) return title.slice(4);
  if (title.startsWith("An ")) return title.slice(3);
  if (title.startsWith("A ")) return title.slice(2);
  return title;
}

function slugOf(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function round1(n: number): number {
  return Math.round(Math.min(10, Math.max(0, n)) * 10) / 10;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/*
 * Titles are drawn as numeric codes (pattern, word a, word b, city) so uniqueness checks are
 * array lookups instead of string hashing; the string is built once per item.
 */
const FILM_PATTERNS = 8;
const filmCode = (p: number, a: number, b: number, c: number): number => ((p * 50 + a) * 50 + b) * 20 + c;
const FILM_CODE_SPACE = filmCode(FILM_PATTERNS, 0, 0, 0);

function drawFilmCode(rng: Rng): number {
  const r = rng.next();
  const a = rng.int(0, 49);
  const b = rng.int(0, 49);
  const c = rng.int(0, 19);
  const first = rng.int(0, FIRST_NAMES.length - 1);
  const moment = rng.int(0, MOMENTS.length - 1);
  if (r < 0.18) return filmCode(0, a, b, 0); // The {Adj} {Noun}
  if (r < 0.28) return filmCode(1, a, b, 0); // {Adj} {Noun}
  if (r < 0.36) return filmCode(2, 0, b, c); // The {Noun} of {City}
  if (r < 0.41) return filmCode(3, moment, 0, c); // {Moment} in {City}
  if (r < 0.48) return filmCode(4, first, b, 0); // A {Noun} for {Name}
  if (r < 0.55) return filmCode(5, first, b, 0); // {Name}'s {Noun}
  if (r < 0.65) return filmCode(6, a, b === a ? (b + 1) % 50 : b, 0); // The {Noun} and the {Noun}
  return filmCode(7, a, b, c); // The {Adj} {Noun} of {City}
}

function filmTitleOf(code: number): string {
  const c = code % 20;
  const b = Math.floor(code / 20) % 50;
  const a = Math.floor(code / 1000) % 50;
  const p = Math.floor(code / 50_000);
  const adj = ADJECTIVES[a] ?? "Silent";
  const noun = NOUNS[b] ?? "Harbour";
  const city = CITIES[c] ?? "Lisbon";
  switch (p) {
    case 0:
      return `The ${adj} ${noun}`;
    case 1:
      return `${adj} ${noun}`;
    case 2:
      return `The ${noun} of ${city}`;
    case 3:
      return `${MOMENTS[a] ?? "Midnight"} in ${city}`;
    case 4:
      return `${/^[AEIOU]/.test(noun) ? "An" : "A"} ${noun} for ${FIRST_NAMES[a] ?? "Ada"}`;
    case 5:
      return `${FIRST_NAMES[a] ?? "Ada"}'s ${noun}`;
    case 6:
      return `The ${NOUNS[a] ?? "Garden"} and the ${noun}`;
    default:
      return `The ${adj} ${noun} of ${city}`;
  }
}

const DOC_CODE_SPACE = DOC_PATTERNS.length * DOC_TOPICS.length * (CITIES.length + 1);

function drawDocCode(rng: Rng): number {
  const p = rng.int(0, DOC_PATTERNS.length - 1);
  const t = rng.int(0, DOC_TOPICS.length - 1);
  const c = rng.chance(0.6) ? rng.int(0, CITIES.length - 1) : CITIES.length;
  return (p * DOC_TOPICS.length + t) * (CITIES.length + 1) + c;
}

function docTitleOf(code: number): string {
  const c = code % (CITIES.length + 1);
  const t = Math.floor(code / (CITIES.length + 1)) % DOC_TOPICS.length;
  const p = Math.floor(code / ((CITIES.length + 1) * DOC_TOPICS.length));
  const base = (DOC_PATTERNS[p] ?? "{T}").replace("{T}", DOC_TOPICS[t] ?? "Oceans");
  const city = CITIES[c];
  return city ? `${base} in ${city}` : base;
}

/**
 * Draws a title code not used yet (a few attempts), else numbers a sequel of the last draw:
 * "Midnight in Lisbon 2". `next[code]` is 0 for an unused code, else the next sequel number.
 */
function uniqueTitle(next: Uint16Array, draw: () => number, titleOf: (code: number) => string): string {
  let code = 0;
  for (let attempt = 0; attempt < 12; attempt++) {
    code = draw();
    if (next[code] === 0) {
      next[code] = 2;
      return titleOf(code);
    }
  }
  const n = next[code] ?? 2;
  next[code] = n + 1;
  return `${titleOf(code)} ${n}`;
}

const FILM_GENRE_POOL = GENRES.filter((g) => g.tag !== "Documentary");
const KID_GENRE_POOL = ["Animation", "Family", "Comedy", "Adventure", "Fantasy"].map(genre);

function pickGenres(rng: Rng, contentRating: string, documentary: boolean): Tag[] {
  if (documentary) {
    const out = [genre("Documentary")];
    if (rng.chance(0.3)) out.push(rng.pick([genre("History"), genre("Music"), genre("War")]));
    return out;
  }
  const pool = FILM_GENRE_POOL;
  const kidPool = KID_GENRE_POOL;
  const n = rng.int(1, 3);
  const out: Tag[] = [];
  for (let i = 0; i < n; i++) {
    const g = KID_RATINGS.has(contentRating) && rng.chance(0.7) ? rng.pick(kidPool) : rng.pick(pool);
    if (!out.includes(g)) out.push(g);
  }
  return out;
}

function pickLabels(rng: Rng, contentRating: string, year: number): Tag[] {
  const out: Tag[] = [];
  if (FAMILY_RATINGS.has(contentRating) && rng.chance(0.5)) out.push(label("Family"));
  if (year < 1975 && rng.chance(0.7)) out.push(label("Classics"));
  if (rng.chance(0.04)) out.push(label("Favourites"));
  return out;
}

interface BuildOptions {
  rng: Rng;
  type: ItemType;
  sectionKey: string;
  rk: number;
  index: number;
  title: string;
  ratings: readonly (readonly [string, number])[];
  documentary: boolean;
  seedHash: number;
}

function buildItem(o: BuildOptions): LibraryItem {
  const { rng } = o;
  const addedAt = LIBRARY_ANCHOR - rng.int(0, THREE_YEARS);
  // approximate calendar year of addedAt (a film is never added before its release year)
  const addedYear = 1970 + Math.floor(addedAt / 31_556_952);
  const contentRating = rng.weighted(o.ratings);
  const year = rng.int(1950, Math.min(2025, addedYear));
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  const originallyAvailableAt = `${year}-${pad2(month)}-${pad2(day)}`;
  const releasedAt = Date.UTC(year, month - 1, day) / 1000;
  const base = 3 + rng.next() * 3 + rng.next() * 3 + rng.next() * 1.5;
  const rating = round1(base);
  const audienceRating = round1(base + (rng.next() - 0.5) * 3);
  const duration =
    o.type === "show" ? rng.int(22, 60) * 60_000 : rng.int(75 * 60, 200 * 60) * 1000;
  const childCount = o.type === "show" ? rng.int(1, 6) : 0;
  const leafCount = o.type === "show" ? childCount * rng.int(6, 12) : 0;
  const titleSort = titleSortOf(o.title);
  return {
    type: o.type,
    rk: o.rk,
    ratingKey: String(o.rk),
    sectionKey: o.sectionKey,
    index: o.index,
    title: o.title,
    titleSort,
    sortTitle: titleSort.toLowerCase(),
    year,
    originallyAvailableAt,
    releasedAt,
    duration,
    contentRating,
    genres: pickGenres(rng, contentRating, o.documentary),
    labels: o.type === "movie" ? pickLabels(rng, contentRating, year) : [],
    rating,
    audienceRating,
    criticRated: true,
    addedAt,
    updatedAt: addedAt + rng.int(0, 86400 * 30),
    studio: rng.pick(STUDIOS),
    resolution: rng.weighted(RESOLUTIONS),
    childCount,
    leafCount,
    seed: mix(o.seedHash, o.rk),
  };
}

/** People are shared objects: one per (kind, first name, last name), built on first use. */
const PEOPLE = new Map<number, Person>();

function person(rng: Rng, kind: number): Person {
  const fi = rng.int(0, FIRST_NAMES.length - 1);
  const li = rng.int(0, LAST_NAMES.length - 1);
  const id = 4000 + kind * 10000 + fi * 100 + li;
  let p = PEOPLE.get(id);
  if (!p) {
    p = { id, tag: `${FIRST_NAMES[fi] ?? "Ada"} ${LAST_NAMES[li] ?? "Almeida"}`, tagKey: hexFrom(`person-${fi}-${li}`, 24) };
    PEOPLE.set(id, p);
  }
  return p;
}

function uniquePeople(rng: Rng, count: number, kind: number): Person[] {
  const out: Person[] = [];
  for (let guard = 0; out.length < count && guard < count * 10; guard++) {
    const p = person(rng, kind);
    if (!out.includes(p)) out.push(p);
  }
  return out;
}

/** The owner's own recordings in the "Home Videos" section. */
const HOME_VIDEO_TITLES = [
  "Birthday Party at the Lake",
  "First Steps in the Garden",
  "Grandma's Ninetieth",
  "Camping Trip, Rainy Day",
  "School Play Rehearsal",
  "New Year's Eve on the Balcony",
] as const;

export interface GenerateLibraryOptions {
  /** number of films in the Films section (default 200); Documentaries gets ~10% of that */
  films?: number;
  seed?: string;
  /** sections whose ratings come from IMDb: their films have an audienceRating and no critic rating */
  imdbRatedSections?: string[];
  /** content ratings to give the films instead of the usual mix, in turn (e.g. every string of plex.tv's presets) */
  contentRatings?: string[];
}

/**
 * A scan adds films in batches: every fifth film of a section was added in the same second as
 * the one before it (when that is not before its release), so `addedAt` alone does not order them.
 */
function addInBatches(items: LibraryItem[]): void {
  for (let i = 4; i < items.length; i += 5) {
    const prev = items[i - 1] as LibraryItem;
    const item = items[i] as LibraryItem;
    if (prev.addedAt >= item.releasedAt) {
      item.addedAt = prev.addedAt;
      item.updatedAt = Math.max(item.updatedAt, prev.addedAt);
    }
  }
}

/** Generates the whole library deterministically from the seed. */
/**
 * Films Plex's agent did not match keep a `local://{ratingKey}` guid (PLEX_API.md 7.11: such films
 * cannot go on a watchlist). Every home video, and about one film in eight.
 */
export function localGuid(item: LibraryItem): boolean {
  return item.type === "movie" && (item.sectionKey === "4" || item.seed % 8 === 3);
}

export function generateLibrary(opts: GenerateLibraryOptions = {}): Library {
  const seed = opts.seed ?? "reelmatch";
  const filmCount = Math.max(0, Math.floor(opts.films ?? 200));
  if (filmCount > 50_000) throw new Error("the fake library supports at most 50,000 films");
  const docCount = filmCount === 0 ? 0 : Math.max(1, Math.round(filmCount / 10));
  const showCount = 6;
  const seedHash = hashString(seed);
  const rng = createRng(`${seed}:library`);

  const films: LibraryItem[] = [];
  const documentaries: LibraryItem[] = [];
  const shows: LibraryItem[] = [];
  const filmCodes = new Uint16Array(FILM_CODE_SPACE);
  const docCodes = new Uint16Array(DOC_CODE_SPACE);
  const used = new Set<string>();
  let rk = 100;
  for (let i = 0; i < filmCount; i++) {
    const title = uniqueTitle(filmCodes, () => drawFilmCode(rng), filmTitleOf);
    films.push(
      buildItem({ rng, type: "movie", sectionKey: "1", rk: rk++, index: i, title, ratings: FILM_RATINGS, documentary: false, seedHash }),
    );
  }
  rk = 100 + filmCount + 1000;
  for (let i = 0; i < docCount; i++) {
    const title = uniqueTitle(docCodes, () => drawDocCode(rng), docTitleOf);
    documentaries.push(
      buildItem({ rng, type: "movie", sectionKey: "2", rk: rk++, index: i, title, ratings: DOC_RATINGS, documentary: true, seedHash }),
    );
  }
  rk = 100 + filmCount + 1000 + docCount + 1000;
  for (let i = 0; i < showCount; i++) {
    let title = `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}s`;
    while (used.has(title)) title = `${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}s`;
    used.add(title);
    shows.push(
      buildItem({ rng, type: "show", sectionKey: "3", rk: rk++, index: i, title, ratings: SHOW_RATINGS, documentary: false, seedHash }),
    );
  }

  addInBatches(films);
  addInBatches(documentaries);
  const ratingsInTurn = opts.contentRatings ?? [];
  if (ratingsInTurn.length) [...films, ...documentaries].forEach((it, i) => (it.contentRating = ratingsInTurn[i % ratingsInTurn.length] as string));
  const imdbRated = new Set(opts.imdbRatedSections ?? []);
  for (const it of [...films, ...documentaries]) if (imdbRated.has(it.sectionKey)) it.criticRated = false;
  // "Other videos" (personal media): type "movie" like a film library, but agent
  // com.plexapp.agents.none (PLEX_API.md 7.3: "com.plexapp.agents.none = personal media -
  // Overseerr skips these"). Its recordings have no content rating, genres or labels. A separate
  // random stream keeps every other item as it was.
  const homeRng = createRng(`${seed}:home-videos`);
  rk = 100 + filmCount + 1000 + docCount + 1000 + showCount + 1000;
  const homeVideos = HOME_VIDEO_TITLES.map((title, i) => ({
    ...buildItem({ rng: homeRng, type: "movie", sectionKey: "4", rk: rk++, index: i, title, ratings: [["", 1]], documentary: false, seedHash }),
    genres: [],
    labels: [],
  }));

  const sectionUuid = (k: string) => {
    const h = hexFrom(`${seed}:section:${k}`, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  const sections: LibrarySectionInfo[] = [
    { key: "1", title: "Films", type: "movie", uuid: sectionUuid("1"), agent: "tv.plex.agents.movie", scanner: "Plex Movie", locationPath: "/data/films", createdAt: 1618241418, items: films },
    { key: "2", title: "Documentaries", type: "movie", uuid: sectionUuid("2"), agent: "tv.plex.agents.movie", scanner: "Plex Movie", locationPath: "/data/documentaries", createdAt: 1618241500, items: documentaries },
    { key: "3", title: "TV Shows", type: "show", uuid: sectionUuid("3"), agent: "tv.plex.agents.series", scanner: "Plex TV Series", locationPath: "/data/tv", createdAt: 1618241600, items: shows },
    {
      key: "4",
      title: "Home Videos",
      type: "movie",
      uuid: sectionUuid("4"),
      agent: "com.plexapp.agents.none",
      scanner: "Plex Video Files Scanner",
      locationPath: "/data/home-videos",
      createdAt: 1618241700,
      items: homeVideos,
    },
  ];

  const byKey = new Map<string, LibraryItem>();
  for (const s of sections) for (const it of s.items) byKey.set(it.ratingKey, it);

  const sortCache = new Map<string, Int32Array>();
  const sortValue: Record<SortKey, (it: LibraryItem) => number | string> = {
    titleSort: (it) => it.sortTitle,
    title: (it) => it.title.toLowerCase(),
    originallyAvailableAt: (it) => it.releasedAt,
    year: (it) => it.year,
    rating: (it) => (it.criticRated ? it.rating : -1),
    audienceRating: (it) => it.audienceRating,
    duration: (it) => it.duration,
    addedAt: (it) => it.addedAt,
    updatedAt: (it) => it.updatedAt,
    mediaHeight: (it) => RESOLUTION_SIZE[it.resolution].height,
  };

  const library: Library = {
    seed,
    films,
    documentaries,
    shows,
    homeVideos,
    sections,
    genres: GENRES,
    labels: LABELS,
    anchor: LIBRARY_ANCHOR,
    section: (key) => sections.find((s) => s.key === key),
    item: (ratingKey) => byKey.get(ratingKey),
    details: (item) => itemDetails(item),
    watchState(item, accountId, watchedShare) {
      const u = unit(seedHash, accountId, item.rk);
      if (u < watchedShare) {
        const span = Math.max(1, LIBRARY_ANCHOR - item.addedAt);
        return {
          viewCount: 1 + Math.floor(unit(seedHash, accountId, item.rk, 1) * 3),
          lastViewedAt: item.addedAt + Math.floor(unit(seedHash, accountId, item.rk, 2) * span),
          viewOffset: null,
        };
      }
      if (watchedShare > 0 && u < watchedShare + 0.03) {
        return {
          viewCount: 0,
          lastViewedAt: LIBRARY_ANCHOR - Math.floor(unit(seedHash, accountId, item.rk, 3) * 86400 * 60),
          viewOffset: Math.floor(item.duration * (0.1 + 0.8 * unit(seedHash, accountId, item.rk, 4))),
        };
      }
      return { viewCount: 0, lastViewedAt: null, viewOffset: null };
    },
    sortedIndices(sectionKey, sortKey, tiesReversed = false) {
      const cacheKey = `${sectionKey}:${sortKey}:${tiesReversed}`;
      const tie = tiesReversed ? -1 : 1;
      const hit = sortCache.get(cacheKey);
      if (hit) return hit;
      const items = sections.find((s) => s.key === sectionKey)?.items ?? [];
      const value = sortValue[sortKey];
      const values = items.map(value);
      const idx = Array.from({ length: items.length }, (_, i) => i);
      idx.sort((a, b) => {
        const va = values[a] as number | string;
        const vb = values[b] as number | string;
        if (va < vb) return -1;
        if (va > vb) return 1;
        const ta = (items[a] as LibraryItem).sortTitle;
        const tb = (items[b] as LibraryItem).sortTitle;
        if (ta < tb) return -tie;
        if (ta > tb) return tie;
        return (a - b) * tie;
      });
      const arr = Int32Array.from(idx);
      sortCache.set(cacheKey, arr);
      return arr;
    },
  };

  function itemDetails(item: LibraryItem): ItemDetails {
    const r = createRng(item.seed);
    const protagonist = `${r.pick(FIRST_NAMES)}`;
    const summary =
      item.type === "show"
        ? `${protagonist} and friends ${r.pick(EVENTS)}, one episode at a time. ${r.pick(SECOND_SENTENCES)}`
        : item.sectionKey === "2"
          ? `A patient, beautifully shot look at ${item.title.toLowerCase()}. Filmed over ${r.int(2, 9)} years across ${r.int(3, 12)} countries. ${r.pick(SECOND_SENTENCES)}`
          : `${protagonist}, a ${r.pick(OCCUPATIONS)} in ${r.pick(CITIES)}, ${r.pick(EVENTS)}. ${r.pick(SECOND_SENTENCES)}`;
    const directors = uniquePeople(r, r.int(1, 2), 0);
    const writers = uniquePeople(r, r.int(1, 2), 1);
    const cast = uniquePeople(r, r.int(4, 8), 2).map((p, i) => ({
      ...p,
      role: i === 0 ? protagonist : r.pick(CHARACTER_NAMES),
    }));
    const countries = [r.pick(COUNTRIES)];
    const guidHex = hexFrom(`${item.seed}:guid`, 24);
    return {
      summary,
      tagline: r.pick(TAGLINES),
      guid: item.type === "show" ? `plex://show/${guidHex}` : localGuid(item) ? `local://${item.ratingKey}` : `plex://movie/${guidHex}`,
      slug: slugOf(item.title),
      imdbId: `tt${String(1_000_000 + (item.seed % 8_999_999)).padStart(7, "0")}`,
      tmdbId: 10_000 + (item.seed % 900_000),
      directors,
      writers,
      roles: cast,
      countries,
    };
  }

  return library;
}
