import "server-only";

/**
 * Small in-process caches that keep the hot path of a swipe to a few queries: rooms by code and
 * participants for a couple of seconds (this process drops an entry whenever it changes one;
 * another app instance sees a change at most TTL_MS late), and deck cards, which change only when
 * withdrawn (which drops the room's cards here).
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
}

const globalForCaches = globalThis as unknown as { reelmatchRoomCaches?: Caches };

export const roomCaches: Caches = (globalForCaches.reelmatchRoomCaches ??= {
  rooms: new TtlCache(),
  participants: new TtlCache(),
  participantCounts: new TtlCache(),
  cards: new TtlCache(10 * 60_000),
  touched: new TtlCache(60_000),
});

/** Forget what this process cached about a room's participants (after a join or a leave). */
export function forgetParticipants(roomId: string): void {
  roomCaches.participantCounts.delete(roomId);
  roomCaches.participants.deletePrefix(`${roomId}:`);
}
