import "server-only";
import { isTrue, preparedSql } from "../db/prepared";
import { notFound } from "../errors";
import { parseStoredCard, type Card } from "./card";
import type { RoomWithSettings } from "./get-room-or-throw";
import { ensureCardsChecked } from "./restricted-viewers";
import { roomCaches, type DealtCard } from "./room-cache";

/** How many dealt cards one look-up that misses the cache reads: the card and those after it. */
export const DECK_READ_AHEAD = 48;

/**
 * The card of a film and the cards dealt after it, in deck order. People swipe in deck order, so
 * an instance that did not deal a room's cards (another instance did) reads them a page at a
 * time, not one query per swipe.
 */
const CARD_AND_NEXT = `SELECT "position", "ratingKey", "data", "checkedVersion", "withdrawn" FROM "DeckCard"
WHERE "roomId" = ? AND "position" >= (SELECT MIN("position") FROM "DeckCard" WHERE "roomId" = ? AND "ratingKey" = ?)
ORDER BY "position" LIMIT ${DECK_READ_AHEAD}`;

interface DealtCardRow {
  position: number | string;
  ratingKey: string;
  data: string;
  checkedVersion: number | string;
  withdrawn: unknown;
}

/**
 * A dealt card of a room's deck by film, as stored (cached: a card changes only when it is
 * withdrawn, which drops the room's entries). A miss reads the cards after it too (CARD_AND_NEXT)
 * and caches those not cached yet (a cached card may be newer: ensureCardsChecked updates it in place).
 */
export async function findDeckCard(options: { roomId: string; ratingKey: string }): Promise<DealtCard | null> {
  const { roomId, ratingKey } = options;
  const cached = roomCaches.cards.get(`${roomId}:${ratingKey}`);
  if (cached) return cached;
  const rows = await preparedSql().rows<DealtCardRow>(CARD_AND_NEXT, [roomId, roomId, ratingKey]);
  const cards = rows.map((row): DealtCard => ({ position: Number(row.position), ratingKey: row.ratingKey, data: row.data, checkedVersion: Number(row.checkedVersion), withdrawn: isTrue(row.withdrawn) }));
  for (const card of cards) if (card.ratingKey !== "" && !roomCaches.cards.get(`${roomId}:${card.ratingKey}`)) rememberDeckCard(roomId, card);
  // The first row is the film's own card (its lowest position), when it was dealt at all.
  return cards[0]?.ratingKey === ratingKey ? cards[0] : null;
}

/**
 * Caches a dealt card for findDeckCard (dropped with the room's cards when any is withdrawn). The
 * very object is kept: ensureCardsChecked brings its flags up to date in place.
 */
export function rememberDeckCard(roomId: string, card: DealtCard): void {
  roomCaches.cards.set(`${roomId}:${card.ratingKey}`, card);
}

/** A dealt card of the room's deck by film, unless it was withdrawn (a restricted participant may not see it). */
export async function findShownDeckCard(options: { room: RoomWithSettings; ratingKey: string }): Promise<DealtCard | undefined> {
  const found = await findDeckCard({ roomId: options.room.id, ratingKey: options.ratingKey });
  const [shown] = found ? await ensureCardsChecked({ room: options.room, cards: [found] }) : [];
  return shown;
}

/**
 * A dealt card of the room's deck by film. Anything else (a film not dealt yet, outside the
 * deck, withdrawn because a restricted participant may not see it, or no film at all) is the same
 * not_found with the same message, so an answer never tells a film that exists from one that
 * does not.
 */
export async function getDeckCardOrThrow(options: { room: RoomWithSettings; ratingKey: string; what?: string }): Promise<{ position: number; card: Card }> {
  const shown = options.ratingKey ? await findShownDeckCard({ room: options.room, ratingKey: options.ratingKey }) : undefined;
  const card = shown ? parseStoredCard(shown.data) : null;
  if (!shown || !card) throw notFound(options.what ?? "This film");
  return { position: shown.position, card };
}
