"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { finalRoundCommands, type FinalRoundView } from "@/lib/swr/use-final-round";

export interface FinalRoundBarProps {
  code: string;
  isHost: boolean;
  /** The room's matches now: the host may start a round with two or more. */
  matchCount: number;
  round: FinalRoundView | null;
  /** The room is closed: nothing to start. */
  closed: boolean;
  onShowWinner: () => void;
}

/**
 * Above the deck: the host's "Final round" button once the room has two matches or more (and no
 * round is going on; after a round, once there are more matches than it had), and the last
 * round's winner, with a way to open its screen again. Nothing while a round is voting.
 */
export function FinalRoundBar({ code, isHost, matchCount, round, closed, onShowWinner }: FinalRoundBarProps) {
  const t = useTranslations("FinalRound");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const voting = round?.status === "voting";
  const winner = round?.status === "decided" ? round.films.find((f) => f.card.ratingKey === round.winner) : undefined;
  // After a round, another is offered once the room has more matches than that round had.
  const canStart = isHost && !closed && !voting && matchCount >= 2 && (!round || matchCount > round.films.length);
  if (voting || (!canStart && !winner)) return null;

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      await finalRoundCommands.start(code);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="flex flex-col items-start gap-1 [@media(max-height:520px)]:col-span-2" data-testid="final-round-bar">
      {winner ? (
        <p className="flex w-full min-w-0 items-center gap-2 text-sm text-neutral-300">
          <span className="shrink-0">{t("lastWinner")}</span>
          <span className="truncate font-semibold text-white" data-testid="final-round-last-winner">
            {winner.card.title}
          </span>
          <button type="button" onClick={onShowWinner} className="min-h-11 shrink-0 px-2 font-semibold text-amber-300 hover:underline">
            {t("show")}
          </button>
        </p>
      ) : null}
      {canStart ? (
        <button type="button" onClick={() => void start()} disabled={busy} data-testid="final-round-start"
          className="min-h-11 rounded-full bg-amber-400 px-5 py-2 text-sm font-semibold text-black hover:bg-amber-300 disabled:opacity-60">
          {busy ? t("starting") : t("start", { matches: matchCount })}
        </button>
      ) : null}
      {error ? (
        <p className="w-full text-sm text-red-300" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
