/** Shapes of the room API's answers, as the browser sees them (one definition: lib/view-models.ts). */
import type { PublicCard, RoomState } from "../view-models";

export type { MatchEntry, PublicCard, RoomOptions } from "../view-models";

/** A card of a deck page: `rank` is how many of the deck's cards come before it (for progress). */
export type DeckCard = PublicCard & { rank: number };

/** Cards per deck page the room asks for (the room page sends the first page along). */
export const DECK_PAGE_SIZE = 8;

/** GET /api/rooms/[code]/deck: `total` cards in the deck (less those withdrawn so far); positions run to `end`. */
export interface DeckPage {
  total: number;
  end: number;
  from: number;
  cards: DeckCard[];
}

/** GET /api/rooms/[code] for someone in the room. */
export type JoinedRoom = RoomState & { joined: true };
/** What the room answers someone who is no longer in it (they left, here or in another tab). */
export type LeftRoom = { joined: false; code: string };
