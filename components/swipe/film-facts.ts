import { useFormatter } from "next-intl";
import type { PublicCard } from "@/lib/view-models";

/** Our poster route at a device pixel ratio (the card's poster URL already names the room). */
export function posterSrc(poster: string, dpr: 1 | 2 | 3): string {
  return `${poster}&dpr=${dpr}`;
}

/** A content rating as people know it: "de/12" shows as "12". */
export function shortRating(rating: string): string {
  return rating.replace(/^[a-z]{2}\//, "");
}

type FactsCard = Pick<PublicCard, "year" | "minutes" | "contentRating">;

/**
 * "1994 · 142 min" ("142 Min." in German), with the content rating too when asked for; and a
 * score as the locale writes it ("6.7", "6,7"). Years stay as written (no "1,994").
 */
export function useFilmFacts() {
  const format = useFormatter();
  return {
    facts: (card: FactsCard, options: { withRating?: boolean } = {}): string => {
      const rating = options.withRating && card.contentRating ? shortRating(card.contentRating) : undefined;
      const runtime = card.minutes ? format.number(card.minutes, { style: "unit", unit: "minute", unitDisplay: "short" }) : undefined;
      return [card.year, runtime, rating].filter(Boolean).join(" · ");
    },
    score: (value: number): string => format.number(value, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  };
}
