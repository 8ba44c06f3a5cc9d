import "server-only";
import { getRoomEventBus, type CommittedChange, type RoomEventType } from "../realtime/event-bus";

/**
 * Small in-process caches that keep the hot path of a swipe to a few queries: rooms by code and
 * participants for a couple of seconds, deck cards (which change only when withdrawn) and the
 * withdrawn films. They are read-through copies that committed events invalidate on every app
 * instance (see watchRoomChanges): a join, a leave, a withdrawal or a closed room drops the room's
 * entries here whichever instance committed it, and while this instance may miss such events (its
 * LISTEN connection to PostgreSQL is down) nothing is read from them at all.
 */
const TTL_MS = 2000;
const MAX_ENTRIES = 20_000;

interface Entry<T> {
  value: T;
  until: number;
}

export class TtlCache<T> {
  private entries = new Map<string, Entry<T>>();
  constructor(private readonly ttlMs: number = TTL_MS) {}

  get(key: string): T | undefined {
    if (!roomCachesTrusted()) return undefined;
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.until < Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  set(key: string, value: T): void {
    this.entries.delete(key);
    // Full: the entry set longest ago goes (a Map iterates in insertion order).
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, until: Date.now() + this.ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Drops every entry whose value the predicate picks. */
  deleteWhere(pick: (value: T) => boolean): void {
    for (const [key, e] of this.entries) if (pick(e.value)) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  /** Drops every entry whose key starts with the prefix. */
  deletePrefix(prefix: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
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

interface Caches {
  rooms: TtlCache<unknown>;
  participants: TtlCache<unknown>;
  participantCounts: TtlCache<number>;
  cards: TtlCache<DealtCard | null>;
  touched: TtlCache<true>;
  /** Rating keys withdrawn from each room's deck (see withdrawnRatingKeys in restricted-viewers). */
  withdrawn: Map<string, Promise<Set<string>>>;
}

const globalForCaches = globalThis as unknown as { reelmatchRoomCaches?: Caches };

export const roomCaches: Caches = (globalForCaches.reelmatchRoomCaches ??= {
  rooms: new TtlCache(),
  participants: new TtlCache(),
  participantCounts: new TtlCache(),
  cards: new TtlCache(10 * 60_000),
  touched: new TtlCache(60_000),
  withdrawn: new Map(),
});

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
  roomCaches.rooms.deleteWhere((room) => (room as { id?: string } | undefined)?.id === roomId);
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

const globalForWatch = globalThis as unknown as { reelmatchRoomCacheWatch?: true };

/** Starts dropping cached rows on committed changes from every instance (once per process; the server calls it at start-up). */
export function watchRoomChanges(): void {
  if (globalForWatch.reelmatchRoomCacheWatch) return;
  globalForWatch.reelmatchRoomCacheWatch = true;
  getRoomEventBus().watchCommitted(onCommittedChange);
}

/** Whether this process's caches may be read now: it hears every committed change (always, on SQLite's one instance). */
export function roomCachesTrusted(): boolean {
  watchRoomChanges();
  return getRoomEventBus().synchronized();
}
