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
