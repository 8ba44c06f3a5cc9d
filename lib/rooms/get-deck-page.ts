import "server-only";
import type { PmsClient } from "../plex/pms";
import type { DeckPage } from "../swr/types";
import { toPublicCard } from "./card";
import { countWithdrawnBefore, getDeckCards } from "./get-deck-cards";
import type { RoomWithSettings } from "./get-room-or-throw";
import { withdrawnRatingKeys } from "./restricted-viewers";

/**
 * A page of the room's deck as participants see it (GET /api/rooms/[code]/deck, and the first page
 * the room page sends along with itself): `count` positions from `from`, withdrawn cards left out.
 */
export async function getDeckPage(options: { room: RoomWithSettings; from: number; count: number; pms: () => Promise<PmsClient> }): Promise<DeckPage> {
  const { room, from } = options;
  const cards = await getDeckCards(options);
  const [withdrawn, before] = await Promise.all([withdrawnRatingKeys(room), countWithdrawnBefore({ room, position: from })]);
  return {
    // Cards withdrawn so far (a restricted participant may not see them) are not counted.
    total: room.deckSize - withdrawn.size,
    // Positions run to the end of the deck, withdrawn ones included.
    end: room.deckSize,
    from,
    // rank: how many of the deck's cards come before this one (the progress shown with it).
    cards: cards.map(({ position, card }, i) => ({ ...toPublicCard({ card, position, code: room.code }), rank: from - before + i })),
  };
}
