import useSWR from "swr";
import type { PlayerOption, WatchlistState } from "../view-models";
import { type ApiError, fetcher } from "./fetcher";

/** The signed-in person's Plex players that are online; asked only once a "Play on…" opens (`open`). */
export function usePlayers(code: string, open: boolean) {
  return useSWR<{ players: PlayerOption[] }, ApiError>(open ? `/api/rooms/${code}/players` : null, fetcher, { revalidateOnFocus: false });
}

/** Where the room's matches stand on the person's own Plex watchlist (one read shared by every button of the room). */
export function useRoomWatchlist(code: string) {
  return useSWR<WatchlistState, ApiError>(`/api/rooms/${code}/watchlist`, fetcher, { revalidateOnFocus: false, dedupingInterval: 2_000 });
}
