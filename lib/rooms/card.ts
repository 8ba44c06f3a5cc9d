import { z } from "zod";
import { parseStoredJson } from "../db/stored-json";
import type { PlexMovie } from "../plex/schemas";
import type { FilmFacts, PublicCard } from "../view-models";
import { withBase } from "@/lib/base-path";

/** A film as a card of a deck: what the swipe screen and the details view show. */
export interface Card extends FilmFacts {
  /** Plex's poster path (stays on the server: the browser gets /api/posters/...). */
  thumb?: string;
  /** The library it was dealt from (stays on the server: merged decks count their place in each). */
  sectionId?: string;
  /** What the deck's order compared (its library's rating or addedAt), for merged decks. */
  orderKey?: number;
}

/** A card as DeckCard.data stores it (JSON); null for a slot whose film left the library. */
const storedCardSchema = z
  .object({
    ratingKey: z.string(),
    title: z.string(),
    year: z.number().optional(),
    minutes: z.number().optional(),
    contentRating: z.string().optional(),
    rating: z.number().optional(),
    audienceRating: z.number().optional(),
    genres: z.array(z.string()),
    summary: z.string().optional(),
    tagline: z.string().optional(),
    directors: z.array(z.string()),
    cast: z.array(z.string()),
    thumb: z.string().optional(),
    sectionId: z.string().optional(),
    orderKey: z.number().optional(),
  })
  .nullable() satisfies z.ZodType<Card | null>;

/** The card stored in DeckCard.data, checked (null for an empty slot); an AppError when it does not read as a card. */
export function parseStoredCard(data: string): Card | null {
  return parseStoredJson({ schema: storedCardSchema, text: data, what: "deck card" });
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
    poster: thumb ? withBase(`/api/posters/${encodeURIComponent(options.card.ratingKey)}?room=${options.code}`) : null,
  };
}
