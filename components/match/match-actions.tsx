"use client";

import { PlayOnPlayer } from "./play-on-player";
import { WatchlistButton } from "./watchlist-button";

export interface MatchActionsProps {
  code: string;
  ratingKey: string;
  webLink?: string;
}

/** The match screen's "Play on…" and watchlist buttons side by side, the players' list under both (signed-in people only). */
export function MatchActions({ code, ratingKey, webLink }: MatchActionsProps) {
  return (
    <div className="grid grid-cols-2 gap-2" data-testid="match-actions">
      <PlayOnPlayer code={code} ratingKey={ratingKey} webLink={webLink} variant="overlay" />
      <WatchlistButton code={code} ratingKey={ratingKey} variant="overlay" />
    </div>
  );
}
