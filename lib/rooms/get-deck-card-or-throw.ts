import "server-only";
import { getDb } from "../db/client";
import { notFound } from "../errors";
import { parseStoredCard, type Card } from "./card";
import type { RoomWithSettings } from "./get-room-or-throw";
import { ensureCardsChecked } from "./restricted-viewers";
import { roomCaches, type DealtCard } from "./room-cache";

/** A dealt card of a room's deck by film, as stored (cached: a card changes only when it is withdrawn, which drops the room's entries). */
export async function findDeckCard(options: { roomId: string; ratingKey: string }): Promise<DealtCard | null> {
  const key = `${options.roomId}:${options.ratingKey}`;
  const cached = roomCaches.cards.get(key);
  if (cached) return cached;
  const card = await getDb().deckCard.findFirst({
    where: { roomId: options.roomId, ratingKey: options.ratingKey },
    select: { position: true, ratingKey: true, data: true, checkedVersion: true, withdrawn: true },
  });
  if (card) rememberDeckCard(options.roomId, card);
  return card;
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
