import { LRUCache } from "lru-cache";
import type { Db, Driver } from "./db/client";
import type { PreparedSql } from "./db/prepared";
import type { UserRow as SessionUser } from "./auth/viewer";
import type { LimitStore } from "./limits/store";
import type { HomeUser } from "./plex/schemas";
import type { PmsClient } from "./plex/pms";
import type { RoomEventBus } from "./realtime/event-bus";
import type { Participant } from "./db/models";
import type { RoomWithSettings } from "./rooms/get-room-or-throw";
import type { DealtCard } from "./rooms/room-cache";

/**
 * Everything this process keeps in memory between requests, in one place: connections, caches,
 * work in flight and a few timestamps. Whatever must hold for every app instance (matches, limits,
 * who is in a room, withdrawn cards) lives in the database; what is here is either a connection,
 * a read-through copy that committed events drop on every instance (lib/rooms/room-cache), or
 * something whose loss or staleness costs a query, never a wrong answer.
 *
 * It is one object on globalThis: Next bundles lib/ separately for instrumentation and for each
 * route, and globalThis is what those bundles share (a module-level variable would exist once per
 * bundle). Two things stay under names of their own: lib/log's level and secrets (lib/plex and the
 * fake Plex servers log too, outside the app) and lib/shutdown's hooks (scripts/server.mjs reads
 * them by name).
 */

/** How many entries a cache keeps at most, and for how long (none: until dropped or pushed out). */
export interface CacheLimits {
  max: number;
  ttlMs?: number;
}

export const CACHE_LIMITS = {
  /**
   * Rooms by code, settings parsed. A copy for the hot path of a swipe; committed joins, leaves,
   * withdrawals and closings drop the room on every instance (lib/rooms/room-cache), and nothing
   * is read from it while this instance may miss those events. The lifetime is only a backstop
   * (a row changed by hand, say): at 2 s, reading rooms and people again cost a loaded
   * PostgreSQL instance a fifth of its CPU at 200 swipes/s.
   */
  rooms: { max: 5_000, ttlMs: 30_000 },
  /** Participants by room and person (only people in the room); dropped like rooms. */
  participants: { max: 20_000, ttlMs: 30_000 },
  /** How many people are in each room (match rule "everyone"); dropped like rooms. */
  participantCounts: { max: 5_000, ttlMs: 30_000 },
  /** Dealt cards by room and film; a card changes only when withdrawn, which drops the room's cards everywhere. */
  deckCards: { max: 20_000, ttlMs: 10 * 60_000 },
  /** Rooms whose last activity this process wrote in the last minute (so a swipe writes it at most once a minute). */
  touchedRooms: { max: 5_000, ttlMs: 60_000 },
  /**
   * Films withdrawn from each room's deck, kept up to date in place (lib/rooms/restricted-viewers);
   * dropped on every instance by a committed withdrawal, read again when pushed out.
   */
  withdrawnFilms: { max: 5_000 },
  /**
   * The newest restriction version this process knows per room (never older than the room row,
   * which is read again after a join drops it): pushed out, the room row's own version counts.
   */
  restrictionVersions: { max: 10_000 },
  /**
   * How far each library of a merged deck got before a block; pushed out, it is counted again from
   * the stored cards. Dealt cards never change, so no instance can hold a wrong one.
   */
  deckCursors: { max: 5_000 },
  /**
   * Sessions resolved in the last moment (a swipe a second reads no session row each time);
   * this process drops them when it ends a session, another instance sees a revocation within 2 s.
   */
  sessions: { max: 5_000, ttlMs: 2_000 },
  /** A Plex Home's users per account token, asked once for a burst of profile switches (plex.tv is the source). */
  homeUsers: { max: 100, ttlMs: 15_000 },
  /** Plex servers (by address) seen leaving hidden items out of a list: a fact about the server, the same for every instance. */
  serversOmittingHidden: { max: 1_000 },
  /**
   * A person's Plex watchlist (discover ids), by user id, read through for the match list; this
   * process drops a person's entry when they add or remove a film here. A change made elsewhere
   * (the Plex app, another instance) shows within the lifetime.
   */
  watchlists: { max: 1_000, ttlMs: 30_000 },
  /** A film's Plex guid by server and ratingKey (what the watchlist is keyed by); Plex re-matching a film is rare. */
  filmGuids: { max: 20_000, ttlMs: 10 * 60_000 },
} as const satisfies Record<string, CacheLimits>;

/** A bounded cache (least recently used entries go first) with its lifetime; `clock` is for tests. */
export function boundedCache<K extends NonNullable<unknown>, V extends NonNullable<unknown>>(limits: CacheLimits, clock?: { now: () => number }): LRUCache<K, V> {
  return new LRUCache<K, V>({ max: limits.max, ...(limits.ttlMs ? { ttl: limits.ttlMs } : {}), ...(clock ? { perf: clock, ttlResolution: 0 } : {}) });
}

function createCaches() {
  return {
    rooms: boundedCache<string, RoomWithSettings>(CACHE_LIMITS.rooms),
    participants: boundedCache<string, Participant>(CACHE_LIMITS.participants),
    participantCounts: boundedCache<string, number>(CACHE_LIMITS.participantCounts),
    deckCards: boundedCache<string, DealtCard>(CACHE_LIMITS.deckCards),
    touchedRooms: boundedCache<string, true>(CACHE_LIMITS.touchedRooms),
    withdrawnFilms: boundedCache<string, Promise<Set<string>>>(CACHE_LIMITS.withdrawnFilms),
    restrictionVersions: boundedCache<string, number>(CACHE_LIMITS.restrictionVersions),
    deckCursors: boundedCache<string, Map<string, number>>(CACHE_LIMITS.deckCursors),
    sessions: boundedCache<string, SessionUser>(CACHE_LIMITS.sessions),
    homeUsers: boundedCache<string, Promise<HomeUser[]>>(CACHE_LIMITS.homeUsers),
    serversOmittingHidden: boundedCache<string, true>(CACHE_LIMITS.serversOmittingHidden),
    watchlists: boundedCache<string, Promise<Set<string>>>(CACHE_LIMITS.watchlists),
    filmGuids: boundedCache<string, string>(CACHE_LIMITS.filmGuids),
  };
}

export type ProcessCaches = ReturnType<typeof createCaches>;

/**
 * Work in flight, so requests that need the same thing at the same moment share one piece of it.
 * Each entry goes when its promise settles, so these hold at most what is being done right now.
 */
export interface InFlight {
  /** A block of a room's deck being dealt from Plex, by room and block. */
  deckBlocks: Map<string, Promise<void>>;
  /** A person's server access being checked again with plex.tv, by user id. */
  accessRefreshes: Map<string, Promise<PmsClient | null>>;
}

/** An open event stream of this process (lib/rooms/open-room-stream). */
export interface OpenStream {
  participantId: string;
  /** The participant's user (null for a guest), as when the stream opened. */
  participantUserId: string | null;
  /** The signed-in person and session the stream opened with (none for a guest's browser). */
  userId?: string;
  sessionToken?: string;
  close: (options?: { retryMs?: number }) => void;
}

interface ProcessState {
  caches: ProcessCaches;
  inFlight: InFlight;
  /** The database client and the driver connection under it (lib/db/client). */
  database?: { db: Db; driver: Driver };
  /** Prepared statements on that connection (lib/db/prepared). */
  preparedSql?: PreparedSql;
  /** The rate limits' store, in the database (lib/limits). */
  limitStore?: LimitStore;
  /** The room event bus: LISTEN/NOTIFY on PostgreSQL, in process on SQLite (lib/realtime). */
  eventBus?: RoomEventBus;
  /** Whether the room caches already listen to committed changes (lib/rooms/room-cache). */
  watchingRoomChanges?: boolean;
  /** The event streams this process serves, and the timer that checks them again (lib/rooms/open-room-stream). */
  openStreams: { all: Set<OpenStream>; timer?: NodeJS.Timeout; checking: boolean; stopping?: boolean };
  /** When idle rooms were last removed (lib/rooms/expire-rooms; at most hourly). */
  lastRoomExpiry?: number;
  /** This installation's X-Plex-Client-Identifier, read from the database once (lib/installation). */
  clientIdentifier?: Promise<string>;
  /** The last remote-control commandID this process sent (PLEX_API.md 7.10: it increases per command from one controller). */
  playerCommandId?: number;
}

const anchor = globalThis as typeof globalThis & { reelmatch?: ProcessState };

/** This process's state (created on first use). */
export const processState: ProcessState = (anchor.reelmatch ??= {
  caches: createCaches(),
  inFlight: { deckBlocks: new Map(), accessRefreshes: new Map() },
  openStreams: { all: new Set(), checking: false },
});
