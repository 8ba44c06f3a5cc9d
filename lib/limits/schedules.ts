import type { LockoutSchedule } from "./store";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Home profile PINs (4 digits: 10,000 possibilities). Counted per target profile, before plex.tv
 * is asked; a right PIN clears the count.
 * - The first 3 attempts go through at once (typos).
 * - From the 3rd on, each attempt locks the profile: 30 s, 1 min, 2 min, 4 min ... doubling up to
 *   a day (reached at the 15th attempt), then one attempt a day.
 * - A count is forgotten 30 days after its last lockout ended, if nobody tried again meanwhile.
 * How long 10,000 guesses take: the first 15 need the lockouts of attempts 3-14, 30 s x (2^12 - 1)
 * = 34 hours; every further one a day: 9,985 days, about 27 years (half of that, 13.7 years, for an
 * even chance). Waiting for the count to be forgotten is slower still: 15 guesses per 32.4 days
 * (34 hours, a day's lockout, 30 days kept), 59 years for all 10,000.
 */
export const PIN_LOCKOUT: LockoutSchedule = {
  lockMs: (attempt) => (attempt < 3 ? 0 : Math.min(30_000 * 2 ** (attempt - 3), DAY)),
  steps: 15,
  keepMs: 30 * DAY,
};

/** A fixed-window limit: at most `limit` counted attempts per `windowMs`. */
export interface WindowLimit {
  /** Prefix of the key (the limit's name). */
  name: string;
  limit: number;
  windowMs: number;
}

/** Wrong room codes from one address: 20 per 10 minutes. */
export const WRONG_ROOM_CODES_PER_ADDRESS: WindowLimit = { name: "room-codes", limit: 20, windowMs: 10 * MINUTE };

/**
 * Wrong room codes from all addresses together (X-Forwarded-For may be set by whoever guesses, one
 * address per guess). Past 200 per 10 minutes, people who are neither in the room nor signed in get
 * the same 429 for every code, existing or not: no guess can tell a room from no room, while
 * everyone already in a room swipes on. 200 per 10 minutes is far beyond typos, and leaves 31^8
 * codes about a million years of guessing per room.
 */
export const WRONG_ROOM_CODES_IN_ALL: WindowLimit = { name: "room-codes-all", limit: 200, windowMs: 10 * MINUTE };

/** Plex sign-ins started (plex.tv PINs created) per address: 30 per 10 minutes. */
export const SIGN_INS_STARTED_PER_ADDRESS: WindowLimit = { name: "plex-pins", limit: 30, windowMs: 10 * MINUTE };

/** Password sign-in attempts per address: 10 per 10 minutes. */
export const PASSWORD_ATTEMPTS_PER_ADDRESS: WindowLimit = { name: "plex-password", limit: 10, windowMs: 10 * MINUTE };

/**
 * Setup-code tries per signed-in person before first-run setup: 10 per 10 minutes (counted before
 * the code is compared; listing the servers and claiming one are two tries of an honest owner).
 */
export const SETUP_CODE_TRIES_PER_PERSON: WindowLimit = { name: "setup-code", limit: 10, windowMs: 10 * MINUTE };
