import { useEffect, useState } from "react";
import useSWR from "swr";
import { type ApiError, send } from "./fetcher";

export interface FilmCount {
  count: number;
  sections: { id: string; title: string; count: number }[];
}

/** How long the choices must stay still before the server is asked (typing a year, tapping genres). */
export const FILM_COUNT_DEBOUNCE_MS = 350;

/**
 * The live "N films match" of the create-room form: the same body POST /api/rooms would get, sent
 * to POST /api/rooms/count once the choices have been still for a moment. Null choices (nothing to
 * count, or not valid yet) ask nothing. The last count stays shown while the next one loads.
 */
export function useFilmCount(choices: object | null) {
  const key = choices ? JSON.stringify(choices) : null;
  const [settled, setSettled] = useState(key);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(key), FILM_COUNT_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key]);
  const swr = useSWR<FilmCount, ApiError>(settled ? ["/api/rooms/count", settled] : null, ([url, body]: [string, string]) => send<FilmCount>("POST", url, JSON.parse(body)), {
    keepPreviousData: true,
    revalidateOnFocus: false,
    shouldRetryOnError: false,
  });
  return { ...swr, pending: key !== settled || swr.isValidating };
}
