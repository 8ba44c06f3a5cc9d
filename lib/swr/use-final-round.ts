import useSWR from "swr";
import type { FinalRoundView } from "../view-models";
import { type ApiError, fetcher, send } from "./fetcher";

export type { FinalRoundView } from "../view-models";

const key = (code: string) => `/api/rooms/${code}/final-round`;

/** The room's newest final round (null when it never had one); read again on every final_round_* event. */
export function useFinalRound(code: string) {
  return useSWR<{ round: FinalRoundView | null }, ApiError>(key(code), fetcher, { dedupingInterval: 0 });
}

/** The final round's commands: the host starts or ends it, anyone in the room votes. */
export const finalRoundCommands = {
  start: (code: string) => send<{ roundId: string; films: number }>("POST", key(code), {}),
  vote: (code: string, ratingKey: string) => send<{ decided: boolean }>("POST", `${key(code)}/vote`, { ratingKey }),
  finish: (code: string) => send<{ finished: true }>("POST", `${key(code)}/finish`, {}),
};
