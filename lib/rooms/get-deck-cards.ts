import "server-only";
import { getDb } from "../db/client";
import type { PmsClient } from "../plex/pms";
import type { PlexMovie } from "../plex/schemas";
import { parseStoredCard, toCard, type Card } from "./card";
import { rememberDeckCard } from "./get-deck-card-or-throw";
import type { RoomWithSettings } from "./get-room-or-throw";
import { ensureCardsChecked, filterForRestrictedViewers, noteWithdrawn, restrictionVersionOf } from "./restricted-viewers";
import { toPlexFilters, toPlexSort, type RoomSettings } from "./settings";
import { createPermutation } from "./shuffle";

/** Cards are dealt from Plex in blocks of this many positions. */
export const DECK_BLOCK = 8;

const globalForDeck = globalThis as unknown as { reelmatchDeckFlights?: Map<string, Promise<void>> };
const inFlight = (globalForDeck.reelmatchDeckFlights ??= new Map<string, Promise<void>>());

function locate(sections: RoomSettings["sections"], index: number): { sectionId: string; offset: number } | undefined {
  let rest = index;
  for (const s of sections) {
    if (rest < s.total) return { sectionId: s.id, offset: rest };
    rest -= s.total;
  }
  return undefined;
}

/** Library index of each deck position: a seeded permutation when shuffled, else the position. */
function indexOf(room: RoomWithSettings): (position: number) => number {
  if (room.parsedSettings.order !== "shuffled") return (p) => p;
  const perm = createPermutation({ size: room.deckSize, seed: room.seed });
  return (p) => perm.at(p);
}

async function fetchBlock(room: RoomWithSettings, block: number, pms: PmsClient): Promise<void> {
  const settings = room.parsedSettings;
  const start = block * DECK_BLOCK;
  const end = Math.min(start + DECK_BLOCK, room.deckSize);
  if (start >= end) return;
  const filters = toPlexFilters(settings.filters);
  const sort = toPlexSort(settings.order);
  const index = indexOf(room);
  const positions = Array.from({ length: end - start }, (_, i) => start + i);
  const located = positions.map((p) => ({ position: p, at: locate(settings.sections, index(p)) }));
  const movies = new Map<number, PlexMovie | undefined>();

  if (settings.order === "shuffled") {
    // Scattered positions: one single-item page each, all at once (a block is small).
    await Promise.all(
      located.map(async ({ position, at }) => {
        if (!at) return;
        const page = await pms.listMovies(at.sectionId, { start: at.offset, size: 1, filters, sort });
        movies.set(position, page.items[0]);
      }),
    );
  } else {
    // Consecutive positions: one page per library the block touches.
    const runs = new Map<string, { from: number; positions: number[] }>();
    for (const { position, at } of located) {
      if (!at) continue;
      const run = runs.get(at.sectionId) ?? { from: at.offset, positions: [] };
      run.positions.push(position);
      runs.set(at.sectionId, run);
    }
    await Promise.all(
      [...runs].map(async ([sectionId, run]) => {
        const page = await pms.listMovies(sectionId, { start: run.from, size: run.positions.length, filters, sort });
        run.positions.forEach((position, i) => movies.set(position, page.items[i]));
      }),
    );
  }

  // With restricted people in the room, each of them must be able to see a card (their own
  // token asks once for the whole block). The version is read first: a join after this point
  // leaves these cards stale, and they are checked again before they are served.
  const version = restrictionVersionOf(room);
  const allowed = version > 0 ? await filterForRestrictedViewers({ room, ratingKeys: [...movies.values()].flatMap((m) => (m ? [m.ratingKey] : [])) }) : undefined;

  // A film that left the library since the room was made leaves an empty slot (ratingKey "").
  const rows = positions.map((position) => {
    const movie = movies.get(position);
    const withdrawn = !!movie && !!allowed && !allowed.has(movie.ratingKey);
    return { roomId: room.id, position, ratingKey: movie?.ratingKey ?? "", data: JSON.stringify(movie ? toCard(movie) : null), checkedVersion: version, withdrawn };
  });
  try {
    await getDb().deckCard.createMany({ data: rows });
  } catch (error) {
    // Another app instance dealt this block first: its cards are the same ones.
    if ((error as { code?: string }).code !== "P2002") throw error;
  }
  const withdrawn = rows.filter((r) => r.withdrawn).map((r) => r.ratingKey);
  if (withdrawn.length) await noteWithdrawn({ roomId: room.id, ratingKeys: withdrawn });
}

function dealBlock(room: RoomWithSettings, block: number, pms: () => Promise<PmsClient>): Promise<void> {
  const key = `${room.id}:${block}`;
  let flight = inFlight.get(key);
  if (!flight) {
    flight = (async () => {
      const exists = await getDb().deckCard.findFirst({ where: { roomId: room.id, position: block * DECK_BLOCK }, select: { position: true } });
      if (exists) return;
      // The room may have been closed on another app instance since it was cached here: a
      // closed room fetches nothing more from Plex.
      const open = await getDb().room.count({ where: { id: room.id, status: "open" } });
      if (open) await fetchBlock(room, block, await pms());
    })().finally(() => inFlight.delete(key));
    inFlight.set(key, flight);
  }
  return flight;
}

/**
 * Starts dealing a new room's first block while its creator's browser opens the room, so the
 * first page is (nearly) ready when asked for; the deck's own request joins this one.
 */
export function dealFirstBlock(options: { room: RoomWithSettings; pms: PmsClient }): void {
  dealBlock(options.room, 0, () => Promise.resolve(options.pms)).catch(() => undefined);
}

/**
 * The cards at positions from..from+count-1 of a room's deck, in the room's order (the same for
 * everyone). Positions nobody has reached yet are fetched from the Plex server with the host's
 * token (`pms`), a block at a time, and stored, so a reload or another participant reads the same
 * cards; the block after the last one asked for is fetched in the background. Cards a restricted
 * participant may not see are left out (withdrawn), so a page can hold fewer cards than asked for.
 */
export async function getDeckCards(options: {
  room: RoomWithSettings;
  from: number;
  count: number;
  pms: () => Promise<PmsClient>;
}): Promise<{ position: number; card: Card }[]> {
  const { room, pms } = options;
  const from = Math.max(0, options.from);
  const to = Math.min(room.deckSize, from + Math.max(0, options.count));
  if (from >= to) return [];
  const db = getDb();
  let rows = await db.deckCard.findMany({ where: { roomId: room.id, position: { gte: from, lt: to } }, orderBy: { position: "asc" } });
  if (rows.length < to - from) {
    const firstBlock = Math.floor(from / DECK_BLOCK);
    const lastBlock = Math.floor((to - 1) / DECK_BLOCK);
    const have = new Set(rows.map((r) => Math.floor(r.position / DECK_BLOCK)));
    const missing: number[] = [];
    for (let b = firstBlock; b <= lastBlock; b++) if (!have.has(b)) missing.push(b);
    await Promise.all(missing.map((b) => dealBlock(room, b, pms)));
    rows = await db.deckCard.findMany({ where: { roomId: room.id, position: { gte: from, lt: to } }, orderBy: { position: "asc" } });
  }
  const nextBlock = Math.floor((to - 1) / DECK_BLOCK) + 1;
  if (nextBlock * DECK_BLOCK < room.deckSize) dealBlock(room, nextBlock, pms).catch(() => undefined);
  const shown = await ensureCardsChecked({ room, cards: rows });
  // The swipes on these cards come next: each looks its card up by film (findDeckCard).
  for (const r of rows) if (r.ratingKey !== "") rememberDeckCard(room.id, r);
  return shown.flatMap((r) => {
    const card = r.ratingKey !== "" ? parseStoredCard(r.data) : null;
    return card ? [{ position: r.position, card }] : [];
  });
}

/** How many cards before `position` were withdrawn (so progress counts only the deck's cards). */
export async function countWithdrawnBefore(options: { room: RoomWithSettings; position: number }): Promise<number> {
  if (restrictionVersionOf(options.room) === 0 || options.position <= 0) return 0;
  return getDb().deckCard.count({ where: { roomId: options.room.id, withdrawn: true, position: { lt: options.position } } });
}
