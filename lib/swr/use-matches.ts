import useSWR from "swr";
import { type ApiError, fetcher } from "./fetcher";
import type { MatchEntry } from "./types";

/**
 * The room's matches and near-misses (ranked by likes). Read afresh whenever a list opens (no
 * deduping): a swipe recorded just before (its progress event came while the list was closed)
 * shows in its figures.
 */
export function useMatches(code: string) {
  return useSWR<{ matches: MatchEntry[]; nearMisses: MatchEntry[] }, ApiError>(`/api/rooms/${code}/matches`, fetcher, { dedupingInterval: 0 });
}
