import "server-only";
import { z } from "zod";
import { pmsForUser, refreshServerAccess } from "../auth/viewer";
import { getDb } from "../db/client";
import { preparedSql } from "../db/prepared";
import { AppError } from "../errors";
import { PlexError } from "../plex/errors";
import { processState } from "../process-state";
import type { PmsClient } from "../plex/pms";
import { getRoomEventBus, storeRoomEvent } from "../realtime/event-bus";
import type { RoomWithSettings } from "./get-room-or-throw";
import { loadOncePerRoom } from "./per-room-memo";
import { removeLostViewers } from "./remove-lost-viewers";
import { roomCaches, roomCachesTrusted } from "./room-cache";
import { visibleRatingKeys } from "./visible-rating-keys";

/**
 * Restricted Plex participants (managed Home profiles such as a child's, and people whose share
 * of the server leaves out libraries or filters them) may only ever see films their own server
 * token may see. The deck is dealt with the host's token, so every dealt card is
 * checked with the token of each restricted participant other than the host; a card one of them
 * may not see is withdrawn from the deck for everyone.
 *
 * Room.restrictionVersion goes up whenever a restricted participant joins; a card remembers the
 * version it was checked at (DeckCard.checkedVersion), so a card checked before someone joined is
 * checked again before anyone is shown it. This process also keeps the newest version it knows per
 * room, because rooms are cached for a couple of seconds; another instance's caches are dropped
 * when the join's events reach it (lib/rooms/room-cache watchRoomChanges).
 */

const versions = processState.caches.restrictionVersions;
const withdrawnByRoom = roomCaches.withdrawn;

/** The room's restriction version as far as this process knows (never older than the room row). */
export function restrictionVersionOf(room: { id: string; restrictionVersion: number }): number {
  return Math.max(room.restrictionVersion, versions.get(room.id) ?? 0);
}

/** Records that a restricted participant joined: every card dealt so far must be checked again. */
export async function bumpRestrictionVersion(options: { room: RoomWithSettings }): Promise<number> {
  const { restrictionVersion } = await getDb().room.update({
    where: { id: options.room.id },
    data: { restrictionVersion: { increment: 1 } },
    select: { restrictionVersion: true },
  });
  versions.set(options.room.id, Math.max(restrictionVersion, versions.get(options.room.id) ?? 0));
  roomCaches.rooms.delete(options.room.code);
  return restrictionVersion;
}

/**
 * User ids of the Plex participants whose tokens the deck must satisfy: restricted profiles, and
 * anyone the server is shared with (a share can leave out libraries or filter them); not the
 * server's owner, who sees everything, nor the host, whose token dealt the deck. People who left
 * still count.
 */
async function restrictedViewerIds(room: RoomWithSettings): Promise<string[]> {
  const rows = await getDb().participant.findMany({
    where: { roomId: room.id, user: { OR: [{ restricted: true }, { role: { not: "admin" } }] } },
    select: { userId: true },
  });
  return rows.flatMap((r) => (r.userId && r.userId !== room.hostUserId ? [r.userId] : []));
}

/**
 * Which of these films every restricted participant of the room may see, each asked with their
 * own token (one request per participant for up to 100 films). Undefined when the room has no
 * restricted participant (nothing to check). Nobody is ever skipped: someone whose access is gone,
 * or whose saved token cannot be read, is first taken out of the room (see removeLostViewers), so
 * the room carries on without them and they see nothing of it.
 */
export async function filterForRestrictedViewers(options: { room: RoomWithSettings; ratingKeys: string[] }): Promise<Set<string> | undefined> {
  const viewers = await restrictedViewerIds(options.room);
  if (!viewers.length) return undefined;
  const keys = [...new Set(options.ratingKeys.filter(Boolean))];
  const lost: string[] = [];
  const results = await Promise.all(
    viewers.map(async (userId) => {
      const visible = await visibleToViewer(userId, keys);
      if (!visible) lost.push(userId);
      return visible;
    }),
  );
  if (lost.length) await removeLostViewers({ userIds: lost });
  let allowed = new Set(keys);
  for (const visible of results) if (visible) allowed = new Set([...allowed].filter((k) => visible.has(k)));
  return allowed;
}

const refreshing = processState.inFlight.accessRefreshes;

/** One plex.tv re-check per person at a time, however many deck requests met the refusal at once. */
function refreshOnce(userId: string): Promise<PmsClient | null> {
  let flight = refreshing.get(userId);
  if (!flight) {
    flight = refreshServerAccess(userId).finally(() => refreshing.delete(userId));
    refreshing.set(userId, flight);
  }
  return flight;
}

const refused = (error: unknown) => error instanceof PlexError && error.kind === "unauthorized";

/**
 * The films among `keys` one restricted viewer may see; undefined when their access is gone or
 * cannot be read (no token, token unreadable, the server refuses it and plex.tv does not confirm
 * their access at once).
 */
async function visibleToViewer(userId: string, keys: string[]): Promise<Set<string> | undefined> {
  let pms: PmsClient;
  try {
    pms = await pmsForUser(userId);
  } catch (error) {
    // No address, no token, or a token this server cannot decrypt (SECRET changed): fail closed.
    if (error instanceof AppError && (error.code === "forbidden" || error.code === "unauthenticated")) return undefined;
    throw error;
  }
  try {
    return await visibleRatingKeys({ pms, keys });
  } catch (error) {
    if (!refused(error)) throw error;
  }
  // The server refused their saved token (the owner stopped sharing, say): plex.tv is asked now
  // rather than at the hourly re-check, and one person's refusal never fails the room's deck.
  const fresh = await refreshOnce(userId);
  if (!fresh) return undefined;
  try {
    return await visibleRatingKeys({ pms: fresh, keys });
  } catch (error) {
    if (refused(error)) return undefined;
    throw error;
  }
}

export interface CheckableCard {
  position: number;
  ratingKey: string;
  checkedVersion: number;
  withdrawn: boolean;
}

/**
 * Makes sure these dealt cards were checked against everyone restricted in the room now: cards
 * checked at an older restriction version are checked again, and the ones a restricted
 * participant may not see are withdrawn (stored, and announced with a "deck_withdrawn" event that
 * names positions only). Returns the cards still in the deck, with their flags brought up to date.
 */
export async function ensureCardsChecked<T extends CheckableCard>(options: { room: RoomWithSettings; cards: T[] }): Promise<T[]> {
  const { room } = options;
  const version = restrictionVersionOf(room);
  const stale = options.cards.filter((c) => !c.withdrawn && c.ratingKey !== "" && c.checkedVersion < version);
  if (stale.length) {
    const withdrawn = await checkCards({ room, cards: stale, version });
    for (const c of stale) {
      c.checkedVersion = version;
      if (withdrawn.has(c.position)) c.withdrawn = true;
    }
  }
  return options.cards.filter((c) => !c.withdrawn);
}

async function checkCards(options: { room: RoomWithSettings; cards: CheckableCard[]; version: number }): Promise<Set<number>> {
  const { room, cards, version } = options;
  const allowed = await filterForRestrictedViewers({ room, ratingKeys: cards.map((c) => c.ratingKey) });
  const hidden = allowed ? cards.filter((c) => !allowed.has(c.ratingKey)) : [];
  const db = getDb();
  const positions = cards.map((c) => c.position);
  const markChecked = db.deckCard.updateMany({ where: { roomId: room.id, position: { in: positions }, checkedVersion: { lt: version } }, data: { checkedVersion: version } });
  if (!hidden.length) {
    await markChecked;
    return new Set();
  }
  // This process stops serving them first (failing closed should the writes fail), then the
  // withdrawal and its event commit together (on PostgreSQL the commit tells every instance).
  const withdrawn = { roomId: room.id, ratingKeys: hidden.map((c) => c.ratingKey) };
  await noteWithdrawn(withdrawn);
  const hiddenPositions = hidden.map((c) => c.position).sort((a, b) => a - b);
  const event = await preparedSql().transaction(function* (tx) {
    for (const position of hiddenPositions) yield* tx.rows(`UPDATE "DeckCard" SET "withdrawn" = TRUE WHERE "roomId" = ? AND "position" = ?`, [room.id, position]);
    return yield* storeRoomEvent(tx, { roomId: room.id, type: "deck_withdrawn", data: { positions: hiddenPositions } });
  });
  // Marked checked only once withdrawn (should this fail, the cards are checked again).
  await markChecked;
  await noteWithdrawn(withdrawn);
  const bus = getRoomEventBus();
  bus.deliver([event]);
  // The other instances hear of it (and drop their cached cards) before anyone is answered.
  await bus.announced();
  return new Set(hidden.map((c) => c.position));
}

/**
 * Checks every card dealt so far that was checked at an older restriction version (after a
 * restricted participant joined), a few hundred at a time, before that person is shown anything.
 */
export async function checkDealtCards(options: { room: RoomWithSettings }): Promise<void> {
  const { room } = options;
  const version = restrictionVersionOf(room);
  if (version === 0) return;
  const db = getDb();
  for (;;) {
    const cards = await db.deckCard.findMany({
      where: { roomId: room.id, withdrawn: false, ratingKey: { not: "" }, checkedVersion: { lt: version } },
      orderBy: { position: "asc" },
      take: 400,
      select: { position: true, ratingKey: true, checkedVersion: true, withdrawn: true },
    });
    if (!cards.length) return;
    await checkCards({ room, cards, version });
  }
}

/**
 * Rating keys withdrawn from the room's deck, as this process knows them now (read once, then kept
 * up to date in place by noteWithdrawn, and read again after any instance's join, leave or
 * withdrawal: see lib/rooms/room-cache). Ask again for each use: the set can be replaced.
 */
export async function withdrawnRatingKeys(room: { id: string; restrictionVersion: number }): Promise<Set<string>> {
  // Read, even for a room that looks unrestricted: the room row at hand may predate a join on
  // another instance (or one this process heard of after the row was read).
  const load = async () => {
    const rows = await getDb().deckCard.findMany({ where: { roomId: room.id, withdrawn: true }, select: { ratingKey: true } });
    return new Set(rows.map((r) => r.ratingKey));
  };
  // Not kept while this instance may miss another's withdrawals (see roomCachesTrusted).
  if (!roomCachesTrusted()) return load();
  const loading = loadOncePerRoom(withdrawnByRoom, room.id, load);
  if (!settled.has(loading)) loading.then((set) => settled.set(loading, set)).catch(() => undefined);
  return loading;
}

/** The sets of withdrawnByRoom that have loaded, by their promise (so a replaced memo is never read). */
const settled = new WeakMap<Promise<Set<string>>, Set<string>>();

/**
 * withdrawnRatingKeys without waiting, when this process has them loaded (the common case: an
 * event stream judging each event as it is sent); undefined otherwise (ask withdrawnRatingKeys).
 */
export function loadedWithdrawnRatingKeys(roomId: string): Set<string> | undefined {
  if (!roomCachesTrusted()) return undefined;
  const loading = withdrawnByRoom.get(roomId);
  return loading && settled.get(loading);
}

/** Keeps this process's withdrawn keys and dealt-card cache in step after cards were withdrawn. */
export async function noteWithdrawn(options: { roomId: string; ratingKeys: string[] }): Promise<void> {
  const known = await withdrawnByRoom.get(options.roomId)?.catch(() => undefined);
  for (const k of options.ratingKeys) known?.add(k);
  roomCaches.cards.deletePrefix(`${options.roomId}:`);
}

/** The film a room event names: a match's card, or a removed match's rating key. */
const filmEventSchema = z.object({ ratingKey: z.string().optional(), card: z.object({ ratingKey: z.string() }).optional() });

/** Whether a room event names a film of this set (a match of a withdrawn card: never sent again). */
export function eventNamesFilm(event: { type: string; data: unknown }, ratingKeys: Set<string>): boolean {
  if (!ratingKeys.size) return false;
  const data = filmEventSchema.safeParse(event.data).data;
  const key = data?.card?.ratingKey ?? data?.ratingKey;
  return key !== undefined && ratingKeys.has(key);
}
