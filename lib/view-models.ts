/**
 * Shapes the server hands to client components (no server-only imports here, so components may
 * use these types).
 */
import type { MatchRule } from "./rooms/match-rule";

/** A Plex Home profile one can switch to. */
export interface HomeProfile {
  uuid: string;
  name: string;
  image: string | null;
  admin: boolean;
  protected: boolean;
  restricted: boolean;
  restrictionProfile: string | null;
  current: boolean;
}

/** Someone who has signed in, as the admin page lists them. */
export interface Person {
  id: string;
  name: string;
  image: string | null;
  role: string;
  restrictionProfile: string | null;
  lastSeenAt: string | null;
  activeSessions: number;
}

/** What a card shows of a film (the server's Card adds Plex's poster path, which stays there). */
export interface FilmFacts {
  ratingKey: string;
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
  /** The poster's own colours (Plex's UltraBlurColors, "#rrggbb"), for a placeholder while it loads. */
  colors?: PosterColors;
}

/** Corner colours of a poster, from Plex's UltraBlurColors. */
export interface PosterColors {
  topLeft: string;
  topRight: string;
  bottomRight: string;
  bottomLeft: string;
}

/** A card as the browser sees it: no Plex paths, a poster URL of our own. */
export type PublicCard = FilmFacts & { position: number; poster: string | null };

export interface RoomParticipant {
  id: string;
  name: string;
  isGuest: boolean;
  isHost: boolean;
  swiped: number;
  image: string | null;
}

/** What a participant's room screen shows. */
export interface RoomState {
  code: string;
  displayCode: string;
  status: string;
  isHost: boolean;
  guestsAllowed: boolean;
  matchRule: MatchRule;
  order: string;
  /** Cards in the deck: the films that matched the filters, less those withdrawn so far. */
  deckSize: number;
  me: { participantId: string; name: string; next: number };
  participants: RoomParticipant[];
  matchCount: number;
  /** Newest event id: the stream starts after it. */
  lastEventId: number;
}

/** A match or near-miss of a room, with its "Open in Plex" links. */
export interface MatchEntry {
  card: PublicCard;
  likes: number;
  participants: number;
  /** Likes the rule needs. */
  needed: number;
  matchedAt: string | null;
  plex: { web: string; app: string };
}

/** A film of a final round: a match, with its votes once the round is decided (hidden while voting). */
export type FinalRoundFilm = MatchEntry & { votes: number | null };

/** A room's newest final round as a participant sees it (GET /api/rooms/[code]/final-round). */
export interface FinalRoundView {
  id: string;
  status: "voting" | "decided";
  films: FinalRoundFilm[];
  /** Who in the room has voted (not for what). */
  voters: string[];
  /** People in the room now: everyone's vote ends the round. */
  present: number;
  myVote: string | null;
  winner: string | null;
  /** How the winner was found: the most votes, the most likes among the tied, or the draw. */
  decidedBy: "votes" | "likes" | "draw" | null;
  endedBy: "everyone" | "host" | null;
}

/** What the create-room form offers. */
export interface RoomOptions {
  sections: { id: string; title: string }[];
  genres: { id: string; title: string }[];
  /** Age-limit choices from the ratings the server uses, youngest first. */
  ratings: { rating: string; age: number }[];
}

/** A Plex player a signed-in person may start a film on. */
export interface PlayerOption {
  id: string;
  name: string;
  product: string | null;
}

/** Where a film stands on the person's Plex watchlist: listed, not listed, or no Plex id to list it by. */
export type WatchlistStatus = "listed" | "not_listed" | "unavailable";

export interface WatchlistState {
  /** By ratingKey, for the room's matches. */
  films: Record<string, WatchlistStatus>;
  /** Films a request left alone, and why (a film without a Plex match cannot be added). */
  skipped?: { ratingKey: string; title: string; reason: string }[];
}
