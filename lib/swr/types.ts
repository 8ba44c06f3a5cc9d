/** Shapes of the room API's answers, as the browser sees them. */
export interface PublicCard {
  ratingKey: string;
  position: number;
  title: string;
  year?: number;
  minutes?: number;
  contentRating?: string;
  rating?: number;
  audienceRating?: number;
  genres: string[];
  summary?: string;
  tagline?: string;
  directors: string[];
  cast: string[];
  poster: string | null;
}

/** A card of a deck page: `rank` is how many of the deck's cards come before it (for progress). */
export type DeckCard = PublicCard & { rank: number };

/** GET /api/rooms/[code]/deck: `total` cards in the deck (less those withdrawn so far); positions run to `end`. */
export interface DeckPage {
  total: number;
  end: number;
  from: number;
  cards: DeckCard[];
}

export interface RoomParticipant {
  id: string;
  name: string;
  isGuest: boolean;
  isHost: boolean;
  swiped: number;
  image: string | null;
}

export interface JoinedRoom {
  joined: true;
  code: string;
  displayCode: string;
  status: string;
  isHost: boolean;
  guestsAllowed: boolean;
  matchRule: { kind: "all" } | { kind: "atLeast"; count: number };
  order: string;
  deckSize: number;
  me: { participantId: string; name: string; next: number };
  participants: RoomParticipant[];
  matchCount: number;
  lastEventId: number;
}

export interface MatchEntry {
  card: PublicCard;
  likes: number;
  participants: number;
  needed: number;
  matchedAt: string | null;
  plex: { web: string; app: string };
}

export interface RoomOptions {
  sections: { id: string; title: string }[];
  genres: { id: string; title: string }[];
  ratings: { rating: string; age: number }[];
}
