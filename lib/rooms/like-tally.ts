import "server-only";
import { getDb } from "../db/client";
import { loadOncePerRoom } from "./per-room-memo";

/**
 * Who likes which film in a room, kept in memory once loaded, so deciding a match costs no query.
 * The swipes in the database stay the truth: a room's tally is loaded from them on first use in
 * this process, and dropped whenever someone joins or leaves. Like the in-process event bus, this
 * assumes one app instance serves a room.
 */
type Tally = Map<string, Set<string>>;

const globalForTally = globalThis as unknown as { reelmatchLikeTallies?: Map<string, Promise<Tally>> };
const tallies = (globalForTally.reelmatchLikeTallies ??= new Map<string, Promise<Tally>>());

async function load(roomId: string): Promise<Tally> {
  const rows = await getDb().swipe.findMany({ where: { roomId, liked: true, participant: { leftAt: null } }, select: { ratingKey: true, participantId: true } });
  const tally: Tally = new Map();
  for (const r of rows) {
    let set = tally.get(r.ratingKey);
    if (!set) tally.set(r.ratingKey, (set = new Set()));
    set.add(r.participantId);
  }
  return tally;
}

function tallyOf(roomId: string): Promise<Tally> {
  return loadOncePerRoom(tallies, roomId, () => load(roomId));
}

/**
 * Records that a participant likes (or no longer likes) a film; returns the film's likes now, and
 * whether this took back a like the participant had given.
 */
export async function applyLike(options: { roomId: string; ratingKey: string; participantId: string; liked: boolean }): Promise<{ likes: number; likeTakenBack: boolean }> {
  const tally = await tallyOf(options.roomId);
  let set = tally.get(options.ratingKey);
  if (!set) tally.set(options.ratingKey, (set = new Set()));
  const likeTakenBack = !options.liked && set.has(options.participantId);
  if (options.liked) set.add(options.participantId);
  else set.delete(options.participantId);
  return { likes: set.size, likeTakenBack };
}

/** Forget a room's tally (someone joined or left; it is reloaded on next use). */
export function forgetTally(roomId: string): void {
  tallies.delete(roomId);
}
