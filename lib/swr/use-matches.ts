import useSWR from "swr";
import { type ApiError, fetcher } from "./fetcher";
import type { MatchEntry } from "./types";

/** The room's matches and near-misses (ranked by likes). */
export function useMatches(code: string) {
  return useSWR<{ matches: MatchEntry[]; nearMisses: MatchEntry[] }, ApiError>(`/api/rooms/${code}/matches`, fetcher);
}
