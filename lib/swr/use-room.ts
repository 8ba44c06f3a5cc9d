import useSWR from "swr";
import { type ApiError, fetcher } from "./fetcher";
import type { JoinedRoom, LeftRoom } from "./types";

/** The room as this participant sees it (who is in it, progress, match count). */
export function useRoom(code: string) {
  return useSWR<JoinedRoom | LeftRoom, ApiError>(`/api/rooms/${code}`, fetcher, { revalidateOnFocus: true });
}
