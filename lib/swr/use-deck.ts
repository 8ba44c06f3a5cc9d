import { useCallback, useMemo } from "react";
import { useSWRConfig } from "swr";
import useSWRInfinite from "swr/infinite";
import { fetcher } from "./fetcher";
import { DECK_PAGE_SIZE as PAGE, type DeckPage } from "./types";

/**
 * The room's deck from `start` (this participant's next position), a page at a time; call
 * `loadMore` when few cards are left. Everyone gets the same cards at the same positions. Cards at
 * `withdrawn` positions (announced over the room's events: a restricted participant may not see
 * them) are dropped; a page can hold fewer cards than it asked for, or none. `firstPage`, the page
 * at `start` that the server sent with the room page, is used as if fetched (not asked for again).
 */
export function useDeck(code: string, start: number | undefined, withdrawn: ReadonlySet<number>, firstPage?: DeckPage) {
  const pageKey = (index: number) => (start === undefined ? null : `/api/rooms/${code}/deck?from=${start + index * PAGE}&count=${PAGE}`);
  const { cache } = useSWRConfig();
  const sent = firstPage && firstPage.from === start ? firstPage : undefined;
  const firstKey = pageKey(0);
  // The infinite hook reads each page from the cache before fetching it: a page found there is not asked for.
  if (sent && firstKey && cache.get(firstKey) === undefined) cache.set(firstKey, { data: sent });
  const swr = useSWRInfinite<DeckPage>(pageKey, fetcher, {
    revalidateFirstPage: false,
    revalidateOnFocus: false,
    revalidateAll: false,
    fallbackData: sent ? [sent] : undefined,
    // Nothing to fetch on mount when the server sent the page (and no loading state to show meanwhile).
    revalidateOnMount: sent ? false : undefined,
  });
  const pages = useMemo(() => swr.data ?? [], [swr.data]);
  const cards = useMemo(() => pages.flatMap((p) => p.cards).filter((c) => !withdrawn.has(c.position)), [pages, withdrawn]);
  const last = pages[pages.length - 1];
  // The newest page knows best how many cards were withdrawn so far.
  const total = last?.total;
  const loaded = start === undefined ? 0 : start + pages.length * PAGE;
  // A page asked for but not here yet: asking again would grow the list in a loop.
  const pending = swr.size > pages.length;
  const { setSize, mutate } = swr;
  const retry = useCallback(() => void mutate(), [mutate]);
  const loadMore = useCallback(() => {
    if (!pending) void setSize((s) => s + 1);
  }, [pending, setSize]);
  return {
    cards,
    total,
    error: swr.error as Error | undefined,
    isLoading: swr.isLoading || pending,
    // Positions run to the deck's end, withdrawn ones included.
    hasMore: !last || loaded < last.end,
    loadMore,
    /** Asks again after an error (the "Try again" button). */
    retry,
  };
}
