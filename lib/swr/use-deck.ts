import useSWRInfinite from "swr/infinite";
import { fetcher } from "./fetcher";
import type { PublicCard } from "./types";

const PAGE = 12;

/**
 * The room's deck from `start` (this participant's next position), a page at a time; call
 * `loadMore` when few cards are left. Everyone gets the same cards at the same positions.
 */
export function useDeck(code: string, start: number | undefined) {
  const swr = useSWRInfinite<{ total: number; cards: PublicCard[] }>(
    (index) => (start === undefined ? null : `/api/rooms/${code}/deck?from=${start + index * PAGE}&count=${PAGE}`),
    fetcher,
    { revalidateFirstPage: false, revalidateOnFocus: false, revalidateAll: false },
  );
  const pages = swr.data ?? [];
  const cards = pages.flatMap((p) => p.cards);
  const total = pages[0]?.total;
  const loaded = start === undefined ? 0 : start + pages.length * PAGE;
  return {
    cards,
    total,
    error: swr.error as Error | undefined,
    isLoading: swr.isLoading,
    hasMore: total === undefined || loaded < total,
    loadMore: () => void swr.setSize((s) => s + 1),
  };
}
