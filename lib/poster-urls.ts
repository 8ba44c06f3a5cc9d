/**
 * Poster addresses at the widths the poster route serves, for the browser's <img> and for the
 * server's preload of the room's first card (no server-only or React imports: both sides use it).
 */

/** The widths the poster route serves (lib/rooms/get-poster.ts POSTER_WIDTHS); height is 1.5x. */
export const POSTER_WIDTHS = [160, 240, 360, 480, 720, 1080] as const;

/** The poster route at one width. */
export function posterUrl(poster: string, width: (typeof POSTER_WIDTHS)[number]): string {
  return `${poster}&w=${width}`;
}

/** Every width, for `srcset`: the browser takes the smallest that covers the displayed width x DPR. */
export function posterSrcSet(poster: string): string {
  return POSTER_WIDTHS.map((w) => `${posterUrl(poster, w)} ${w}w`).join(", ");
}

/**
 * About the width of the deck's card, for the server's preload (`imagesizes`) of the first card's
 * poster, before the browser measured the card: the stage's width on phones (the page's 16 px
 * margins), the deck column's on wide screens. The poster widths are far apart, so this picks the
 * same file as the card's exact `sizes` in all but edge cases (then the card loads its own).
 */
export const DECK_CARD_SIZES = "(min-width: 1280px) 512px, (min-width: 1024px) 448px, calc(100vw - 32px)";
