import { useSyncExternalStore } from "react";

/** The width from which the room shows people and matches beside the deck (Tailwind's `lg`). */
const WIDE = "(min-width: 1024px)";

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(WIDE);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/**
 * Whether the screen is wide enough for the room's side columns. The server renders the phone's
 * answer; CSS already hides and shows the columns, this only keeps one of two places from
 * rendering the same list twice.
 */
export function useWideScreen(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(WIDE).matches, () => false);
}
