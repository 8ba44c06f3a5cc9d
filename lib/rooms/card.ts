import type { PlexMovie } from "../plex/schemas";
import type { FilmFacts, PublicCard } from "../view-models";

/** A film as a card of a deck: what the swipe screen and the details view show. */
export interface Card extends FilmFacts {
  /** Plex's poster path (stays on the server: the browser gets /api/posters/...). */
  thumb?: string;
  /** The library it was dealt from (stays on the server: merged decks count their place in each). */
  sectionId?: string;
  /** What the deck's order compared (its library's rating or addedAt), for merged decks. */
  orderKey?: number;
}

export function toCard(movie: PlexMovie, dealt: { sectionId?: string; orderKey?: number } = {}): Card {
  return {
    ...dealt,
    ratingKey: movie.ratingKey,
    title: movie.title,
    year: movie.year,
    minutes: movie.duration ? Math.round(movie.duration / 60_000) : undefined,
    contentRating: movie.contentRating,
    rating: movie.rating,
    audienceRating: movie.audienceRating,
    genres: movie.Genre.map((g) => g.tag),
    summary: movie.summary,
    tagline: movie.tagline,
    directors: movie.Director.map((d) => d.tag),
    cast: movie.Role.slice(0, 6).map((r) => r.tag),
    thumb: movie.thumb,
  };
}

export function toPublicCard(options: { card: Card; position: number; code: string }): PublicCard {
  const { thumb, sectionId: _sectionId, orderKey: _orderKey, ...rest } = options.card;
  return {
    ...rest,
    position: options.position,
    poster: thumb ? `/api/posters/${encodeURIComponent(options.card.ratingKey)}?room=${options.code}` : null,
  };
}
