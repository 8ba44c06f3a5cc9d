"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { useFilmFacts } from "@/components/swipe/film-facts";
import { PosterImage } from "@/components/swipe/poster-image";
import { finalRoundCommands, type FinalRoundView } from "@/lib/swr/use-final-round";

export interface FinalRoundVoteProps {
  code: string;
  round: FinalRoundView;
  isHost: boolean;
  /** Read the round again after a vote (the event does too; this is quicker for the voter). */
  onChange: () => void;
}

/** In place of the deck while a final round is voting: the room's matches, one to pick. */
export function FinalRoundVote({ code, round, isHost, onChange }: FinalRoundVoteProps) {
  const t = useTranslations("FinalRound");
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const picked = pending ?? round.myVote;
  const { facts } = useFilmFacts();

  const run = async (key: string, command: () => Promise<unknown>) => {
    setPending(key);
    setError(null);
    try {
      await command();
      onChange();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setPending(null);
    }
  };

  return (
    <section className="flex h-full flex-col gap-3 overflow-y-auto pb-4" aria-labelledby="final-round-heading" data-testid="final-round-vote">
      <div>
        <h2 id="final-round-heading" className="text-2xl font-black tracking-tight text-reel-400">
          {t("heading")}
        </h2>
        <p className="text-sm text-neutral-300">{t("intro")}</p>
        <p className="mt-1 text-sm font-semibold text-neutral-200" role="status" data-testid="final-round-voted">
          {t("voted", { voted: round.voters.length, present: round.present })}
        </p>
      </div>
      <ul className="grid grid-cols-3 gap-2 p-1">
        {round.films.map((film) => {
          const mine = picked === film.card.ratingKey;
          return (
            <li key={film.card.ratingKey}>
              <button type="button" aria-pressed={mine} disabled={pending !== null} data-testid="final-round-film"
                onClick={() => void run(film.card.ratingKey, () => finalRoundCommands.vote(code, film.card.ratingKey))}
                className={`flex w-full flex-col gap-1 rounded-2xl bg-night-800 p-1.5 text-left ring-2 transition ${mine ? "ring-amber-400" : "ring-white/5 hover:ring-white/30"}`}>
                <PosterImage poster={film.card.poster} colors={film.card.colors} title={film.card.title} decorative className="relative aspect-[2/3] w-full rounded-xl" />
                <span className="line-clamp-2 text-sm font-semibold leading-snug" data-testid="final-round-film-title">
                  {film.card.title}
                </span>
                <span className="text-xs text-neutral-400">{facts(film.card)}</span>
                {mine ? <span className="text-xs font-semibold text-amber-300">{t("yourPick")}</span> : null}
              </button>
            </li>
          );
        })}
      </ul>
      {error ? (
        <p className="text-sm text-red-300" role="alert">
          {error}
        </p>
      ) : null}
      {isHost ? (
        <button type="button" onClick={() => void run("finish", () => finalRoundCommands.finish(code))} disabled={pending !== null} data-testid="final-round-finish"
          className="min-h-11 self-start rounded-full px-5 py-2 text-sm font-semibold text-neutral-300 ring-1 ring-white/20 hover:text-white">
          {pending === "finish" ? t("finishing") : t("finish")}
        </button>
      ) : null}
    </section>
  );
}
