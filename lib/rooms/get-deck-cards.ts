import "server-only";
import { getDb } from "../db/client";
import type { PmsClient } from "../plex/pms";
import type { PlexMovie } from "../plex/schemas";
import { processState } from "../process-state";
import { parseStoredCard, toCard, type Card } from "./card";
import { rememberDeckCard } from "./get-deck-card-or-throw";
import type { RoomWithSettings } from "./get-room-or-throw";
import { ensureCardsChecked, filterForRestrictedViewers, noteWithdrawn, restrictionVersionOf } from "./restricted-viewers";
import { toPlexFilters, toPlexSort, type RoomSettings } from "./settings";
import { createPermutation } from "./shuffle";

/** Cards are dealt from Plex in blocks of this many positions. */
export const DECK_BLOCK = 8;

const inFlight = processState.inFlight.deckBlocks;

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

type DeckSection = RoomSettings["sections"][number];

/** A film as dealt: its library and the value the deck's order compares (merged decks). */
interface Dealt {
  movie: PlexMovie;
  sectionId: string;
  orderKey?: number;
}

/** One page of a library in the room's order, with the room's filters (both by the library's own rating). */
function listSection(room: RoomWithSettings, section: DeckSection, page: { start: number; size: number }, pms: PmsClient) {
  const field = section.ratingField ?? "rating";
  const settings = room.parsedSettings;
  return pms.listMovies(section.id, { ...page, filters: toPlexFilters(settings.filters, field), sort: toPlexSort(settings.order, field) });
}

/** Top rated and recently added over several libraries: one order, merged by the order's own key. */
function isMerged(room: RoomWithSettings): boolean {
  return room.parsedSettings.merged === true;
}

function orderKeyOf(room: RoomWithSettings, section: DeckSection, movie: PlexMovie): number {
  if (room.parsedSettings.order === "topRated") return movie[section.ratingField ?? "rating"] ?? -1;
  return movie.addedAt ?? 0;
}

const titleKey = (d: Dealt) => (d.movie.titleSort ?? d.movie.title).toLowerCase();

/** Whether `a` comes before `b`: higher key first, then title (each library's own tie-breaker); else the earlier library. */
function comesFirst(a: Dealt, b: Dealt): boolean {
  if (a.orderKey !== b.orderKey) return (a.orderKey ?? 0) > (b.orderKey ?? 0);
  return titleKey(a) < titleKey(b);
}

/** How many films of each library a merged deck dealt before a block (kept per process, else counted from the stored cards). */
const cursors = processState.caches.deckCursors;

async function cursorBefore(room: RoomWithSettings, block: number): Promise<Map<string, number>> {
  if (block === 0) return new Map();
  const known = cursors.get(`${room.id}:${block}`);
  if (known) return known;
  const rows = await getDb().deckCard.findMany({ where: { roomId: room.id, position: { lt: block * DECK_BLOCK } }, select: { data: true } });
  const counted = new Map<string, number>();
  for (const r of rows) {
    const sectionId = parseStoredCard(r.data)?.sectionId;
    if (sectionId) counted.set(sectionId, (counted.get(sectionId) ?? 0) + 1);
  }
  return counted;
}

function rememberCursor(room: RoomWithSettings, block: number, cursor: Map<string, number>): void {
  cursors.set(`${room.id}:${block}`, cursor);
}

/**
 * A block of a merged deck: from where each library's stream stands after the blocks before,
 * the next `count` films of each (one small page per library, all at once), merged by the
 * order's key. Never more than a block per library is read.
 */
async function dealMerged(room: RoomWithSettings, block: number, positions: number[], pms: PmsClient): Promise<Map<number, Dealt>> {
  const sections = room.parsedSettings.sections;
  const cursor = await cursorBefore(room, block);
  const pages = await Promise.all(
    sections.map(async (section) => {
      const page = await listSection(room, section, { start: cursor.get(section.id) ?? 0, size: positions.length }, pms);
      return page.items.map((movie): Dealt => ({ movie, sectionId: section.id, orderKey: orderKeyOf(room, section, movie) }));
    }),
  );
  const heads = sections.map(() => 0);
  const dealt = new Map<number, Dealt>();
  for (const position of positions) {
    let best = -1;
    for (let i = 0; i < pages.length; i++) {
      const head = pages[i]?.[heads[i] ?? 0];
      const current = best >= 0 ? pages[best]?.[heads[best] ?? 0] : undefined;
      if (head && (!current || comesFirst(head, current))) best = i;
    }
    const chosen = best >= 0 ? pages[best]?.[heads[best] ?? 0] : undefined;
    if (!chosen) break;
    heads[best] = (heads[best] ?? 0) + 1;
    dealt.set(position, chosen);
  }
  rememberCursor(room, block + 1, new Map(sections.map((s, i) => [s.id, (cursor.get(s.id) ?? 0) + (heads[i] ?? 0)])));
  return dealt;
}

async function fetchBlock(room: RoomWithSettings, block: number, pms: PmsClient): Promise<void> {
  const settings = room.parsedSettings;
  const start = block * DECK_BLOCK;
  const end = Math.min(start + DECK_BLOCK, room.deckSize);
  if (start >= end) return;
  const index = indexOf(room);
  const positions = Array.from({ length: end - start }, (_, i) => start + i);
  const located = positions.map((p) => ({ position: p, at: locate(settings.sections, index(p)) }));
  let movies = new Map<number, Dealt>();

  if (isMerged(room)) {
    movies = await dealMerged(room, block, positions, pms);
  } else if (settings.order === "shuffled") {
    // Scattered positions: one single-item page each, all at once (a block is small).
    await Promise.all(
      located.map(async ({ position, at }) => {
        const section = at && settings.sections.find((s) => s.id === at.sectionId);
        if (!at || !section) return;
        const movie = (await listSection(room, section, { start: at.offset, size: 1 }, pms)).items[0];
        if (movie) movies.set(position, { movie, sectionId: section.id });
      }),
    );
  } else {
    // Consecutive positions (one library, or a room from before merging): one page per library the block touches.
    const runs = new Map<string, { from: number; positions: number[] }>();
    for (const { position, at } of located) {
      if (!at) continue;
      const run = runs.get(at.sectionId) ?? { from: at.offset, positions: [] };
      run.positions.push(position);
      runs.set(at.sectionId, run);
    }
    await Promise.all(
      [...runs].map(async ([sectionId, run]) => {
        const section = settings.sections.find((s) => s.id === sectionId);
        if (!section) return;
        const page = await listSection(room, section, { start: run.from, size: run.positions.length }, pms);
        run.positions.forEach((position, i) => {
          const movie = page.items[i];
          if (movie) movies.set(position, { movie, sectionId });
        });
      }),
    );
  }

  // With restricted people in the room, each of them must be able to see a card (their own
  // token asks once for the whole block). The version is read first: a join after this point
  // leaves these cards stale, and they are checked again before they are served.
  const version = restrictionVersionOf(room);
  const allowed = version > 0 ? await filterForRestrictedViewers({ room, ratingKeys: [...movies.values()].map((d) => d.movie.ratingKey) }) : undefined;

  // A film that left the library since the room was made leaves an empty slot (ratingKey "").
  const rows = positions.map((position) => {
    const dealt = movies.get(position);
    const movie = dealt?.movie;
    const withdrawn = !!movie && !!allowed && !allowed.has(movie.ratingKey);
    const data = dealt ? toCard(dealt.movie, { sectionId: dealt.sectionId, orderKey: dealt.orderKey }) : null;
    return { roomId: room.id, position, ratingKey: movie?.ratingKey ?? "", data: JSON.stringify(data), checkedVersion: version, withdrawn };
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
      // A merged deck continues each library from where the block before stopped.
      if (block > 0 && isMerged(room)) await dealBlock(room, block - 1, pms);
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
