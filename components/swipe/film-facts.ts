import type { PublicCard } from "@/lib/view-models";

/** Our poster route at a device pixel ratio (the card's poster URL already names the room). */
export function posterSrc(poster: string, dpr: 1 | 2 | 3): string {
  return `${poster}&dpr=${dpr}`;
}

/** A content rating as people know it: "de/12" shows as "12". */
export function shortRating(rating: string): string {
  return rating.replace(/^[a-z]{2}\//, "");
}

/** "1994 · 142 min", with the content rating too when asked for. */
export function filmFacts(card: Pick<PublicCard, "year" | "minutes" | "contentRating">, options: { withRating?: boolean } = {}): string {
  const rating = options.withRating && card.contentRating ? shortRating(card.contentRating) : undefined;
  return [card.year, card.minutes ? `${card.minutes} min` : undefined, rating].filter(Boolean).join(" · ");
}
