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

/**
 * The names of the host's Plex players that are online, for a guest's "Olivia can put it on Living
 * Room TV" (the overlay, the match list and the final round's winner share one read).
 */
export function useHostPlayers(code: string) {
  return useSWR<{ players: string[] }, ApiError>(`/api/rooms/${code}/host-players`, fetcher, { revalidateOnFocus: false, dedupingInterval: 60_000 });
}
