import useSWR from "swr";
import { type ApiError, fetcher } from "./fetcher";
import type { RoomOptions } from "./types";

/** Libraries, genres and age limits for the create-room form. */
export function useRoomOptions() {
  return useSWR<RoomOptions, ApiError>("/api/rooms/options", fetcher, { revalidateOnFocus: false });
}
