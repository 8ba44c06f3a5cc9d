import { useCallback } from "react";
import useSWRInfinite from "swr/infinite";
import { fetcher } from "./fetcher";
import type { PublicCard } from "./types";

const PAGE = 8;

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
  // A page asked for but not here yet: asking again would grow the list in a loop.
  const pending = swr.size > pages.length;
  const { setSize } = swr;
  const loadMore = useCallback(() => {
    if (!pending) void setSize((s) => s + 1);
  }, [pending, setSize]);
  return {
    cards,
    total,
    error: swr.error as Error | undefined,
    isLoading: swr.isLoading || pending,
    hasMore: total === undefined || loaded < total,
    loadMore,
  };
}
