import "server-only";
import type { LRUCache } from "lru-cache";
import { processState } from "../process-state";
import { getRoomEventBus, type CommittedChange, type RoomEventType } from "../realtime/event-bus";

/**
 * The room caches that keep the hot path of a swipe to a few queries (bounded and timed in
 * lib/process-state: rooms by code and participants for a couple of seconds, deck cards, which
 * change only when withdrawn, and the withdrawn films). They are read-through copies that
 * committed events invalidate on every app instance (see watchRoomChanges): a join, a leave, a
 * withdrawal or a closed room drops the room's entries here whichever instance committed it, and
 * while this instance may miss such events (its LISTEN connection to PostgreSQL is down) nothing
 * is read from them at all.
 */
export class RoomCache<V extends NonNullable<unknown>> {
  constructor(private readonly entries: LRUCache<string, V>) {}

  /** The entry, unless it expired or this instance may have missed a change (see roomCachesTrusted). */
  get(key: string): V | undefined {
    return roomCachesTrusted() ? this.entries.get(key) : undefined;
  }

  set(key: string, value: V): void {
    this.entries.set(key, value);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Drops every entry whose value the predicate picks. */
  deleteWhere(pick: (value: V) => boolean): void {
    for (const [key, value] of [...this.entries.entries()]) if (pick(value)) this.entries.delete(key);
  }

  /** Drops every entry whose key starts with the prefix. */
  deletePrefix(prefix: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** A dealt card as the swipe path reads it. */
export interface DealtCard {
  position: number;
  ratingKey: string;
  data: string;
  checkedVersion: number;
  withdrawn: boolean;
}

const { caches } = processState;

export const roomCaches = {
  rooms: new RoomCache(caches.rooms),
  participants: new RoomCache(caches.participants),
  participantCounts: new RoomCache(caches.participantCounts),
  cards: new RoomCache(caches.deckCards),
  touched: new RoomCache(caches.touchedRooms),
  /** Rating keys withdrawn from each room's deck (see withdrawnRatingKeys in restricted-viewers, which checks roomCachesTrusted itself). */
  withdrawn: caches.withdrawnFilms,
};

/** Forget what this process cached about a room's participants (after a join or a leave). */
export function forgetParticipants(roomId: string): void {
  roomCaches.participantCounts.delete(roomId);
  roomCaches.participants.deletePrefix(`${roomId}:`);
}

/** Events after which a room's cached rows may be out of date: who is in it, which cards are withdrawn, whether it is open. */
const INVALIDATING: ReadonlySet<RoomEventType> = new Set(["participant_joined", "participant_left", "deck_withdrawn", "room_closed"]);

/**
 * Forget what this process cached about a room after a change of this type: the room row and its
 * participants after any, its dealt cards and withdrawn films after a withdrawal (the only event
 * that changes them; a restricted newcomer's join withdraws cards with deck_withdrawn events first).
 */
export function forgetRoom(roomId: string, type: RoomEventType): void {
  roomCaches.rooms.deleteWhere((room) => room.id === roomId);
  forgetParticipants(roomId);
  if (type !== "deck_withdrawn") return;
  roomCaches.cards.deletePrefix(`${roomId}:`);
  roomCaches.withdrawn.delete(roomId);
}

function forgetEverything(): void {
  roomCaches.rooms.clear();
  roomCaches.participants.clear();
  roomCaches.participantCounts.clear();
  roomCaches.cards.clear();
  roomCaches.withdrawn.clear();
}

function onCommittedChange(change: CommittedChange): void {
  if ("everything" in change) forgetEverything();
  else if (INVALIDATING.has(change.type)) forgetRoom(change.roomId, change.type);
}

/** Starts dropping cached rows on committed changes from every instance (once per process; the server calls it at start-up). */
export function watchRoomChanges(): void {
  if (processState.watchingRoomChanges) return;
  processState.watchingRoomChanges = true;
  getRoomEventBus().watchCommitted(onCommittedChange);
}

/** Whether this process's caches may be read now: it hears every committed change (always, on SQLite's one instance). */
export function roomCachesTrusted(): boolean {
  watchRoomChanges();
  return getRoomEventBus().synchronized();
}
