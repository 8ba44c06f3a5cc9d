import "server-only";
import { addressKey, hitAddressLimit, windowLimitError } from "../limits/address-limits";
import { WRONG_ROOM_CODES_IN_ALL, WRONG_ROOM_CODES_PER_ADDRESS } from "../limits/schedules";
import { limitStore, type WindowHit } from "../limits/store";

/**
 * Room-code guessing. Only requests for a room the caller is not in count or are refused: a wrong
 * code is counted against the caller's address and against everyone's (in the database, so every
 * app instance shares the budget), and past the limits a room the caller is not in answers 429
 * whether it exists or not. People already in a room are never held up here: their deck, swipes
 * and events do not look at these limits at all.
 */
/** The one key that counts everyone's wrong codes together. */
const EVERYONE = `${WRONG_ROOM_CODES_IN_ALL.name}:everyone`;

const addressError = (hit: WindowHit) => windowLimitError(hit, "Too many wrong room codes from this address.");
const pausedError = (hit: WindowHit) => windowLimitError(hit, "Too many wrong room codes were tried on this server lately, so joining is paused.", { paused: true });

/**
 * Counts a wrong (unknown or malformed) room code, before answering it: past the address's limit,
 * or (for someone not signed in) past everyone's, the answer is this 429 instead of a 404. Counted
 * and decided in one step, so a burst of parallel guesses gets no more 404s than the limit.
 */
export async function countWrongRoomCode(options: { address: string; signedIn: boolean }): Promise<void> {
  const [own, all] = await Promise.all([
    hitAddressLimit({ limit: WRONG_ROOM_CODES_PER_ADDRESS, address: options.address }),
    limitStore().hitWindow({ key: EVERYONE, limit: WRONG_ROOM_CODES_IN_ALL.limit, windowMs: WRONG_ROOM_CODES_IN_ALL.windowMs }),
  ]);
  if (!own.allowed) throw addressError(own);
  if (!options.signedIn && !all.allowed) throw pausedError(all);
}

/**
 * For a room that exists but that the caller is not in: the same 429 a wrong code would get once
 * the address (or, for someone not signed in, everyone) has used up its wrong codes, so that no
 * guess can tell a room from no room. Counts nothing.
 */
export async function assertMayAskForRoom(options: { address: string; signedIn: boolean }): Promise<void> {
  const store = limitStore();
  const [own, all] = await Promise.all([
    store.peekWindow({ key: addressKey(WRONG_ROOM_CODES_PER_ADDRESS, options.address), limit: WRONG_ROOM_CODES_PER_ADDRESS.limit }),
    options.signedIn ? undefined : store.peekWindow({ key: EVERYONE, limit: WRONG_ROOM_CODES_IN_ALL.limit }),
  ]);
  if (!own.allowed) throw addressError(own);
  if (all && !all.allowed) throw pausedError(all);
}

/** The client's address (lib/api/client-address.ts; TRUST_PROXY decides whether X-Forwarded-For counts). */
