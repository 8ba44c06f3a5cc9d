"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { HostCanPlay } from "@/components/match/host-can-play";
import { useFilmFacts } from "@/components/swipe/film-facts";
import { PosterImage } from "@/components/swipe/poster-image";
import type { FinalWinner } from "./use-final-round-screen";

export interface FinalRoundWinnerProps {
  winner: FinalWinner;
  /** Plex links for members; guests get `guest` instead. Undefined while they load. */
  plex?: { web: string; app: string };
  /** Guests: the host puts it on (naming the host's players when they are known). */
  guest?: { hostName: string };
  /** The room, for the host's players. */
  code: string;
  /** Where a "Play on…" button goes (issue 16, item 1), beside "Open in Plex". */
  playSlot?: ReactNode;
  onClose: () => void;
}

/**
 * The final round's winner, on every screen of the room at once (final_round_decided): a modal
 * dialog like the match overlay, with how it won and the way to put it on.
 */
export function FinalRoundWinner({ code, winner, plex, guest, playSlot, onClose }: FinalRoundWinnerProps) {
  const t = useTranslations("FinalRound");
  const tMatch = useTranslations("Match");
  const dialog = useRef<HTMLDialogElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  const { card } = winner;
  const { facts } = useFilmFacts();

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    close.current?.focus();
    return () => el?.close();
  }, []);

  const how = winner.decidedBy === "votes" ? t("byVotes", { votes: winner.votes }) : winner.decidedBy === "likes" ? t("byLikes") : t("byDraw");
  return (
    <dialog ref={dialog} aria-labelledby="final-winner-heading" data-testid="final-round-winner"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      style={{ width: "100vw", height: "100dvh", maxWidth: "none", maxHeight: "none", margin: 0, border: 0, padding: 0 }}
      className="bg-night-900/95 text-white backdrop:bg-black/60">
      <div className="mx-auto flex h-full max-w-md flex-col items-center gap-4 overflow-y-auto p-6 [justify-content:safe_center] text-center [@media(max-height:520px)]:max-w-3xl [@media(max-height:520px)]:flex-row [@media(max-height:520px)]:gap-8">
        <div className="relative w-[min(60vw,30dvh)] shrink-0 animate-[match-pop_520ms_cubic-bezier(0.2,1.5,0.4,1)_both] motion-reduce:animate-none [@media(max-height:520px)]:w-[min(30vw,42dvh)]">
          <PosterImage poster={card.poster} colors={card.colors} title={card.title} className="relative aspect-[2/3] w-full rounded-2xl shadow-2xl ring-1 ring-white/10" eager />
        </div>
        <div className="flex flex-col items-center gap-3">
          <h2 id="final-winner-heading" className="text-4xl font-black tracking-tight text-amber-300">
            {t("winnerHeading")}
          </h2>
          <div>
            <p className="text-2xl font-bold" data-testid="final-round-winner-title">
              {card.title}
            </p>
            <p className="text-neutral-400">{facts(card)}</p>
          </div>
          <p className="text-sm text-neutral-300" data-testid="final-round-decided-by">
            {how}
            {winner.endedBy === "host" ? ` ${t("endedByHost")}` : ""}
          </p>
          <div className="flex w-full max-w-xs flex-col gap-2">
            {guest ? (
              <HostCanPlay code={code} hostName={guest.hostName} fallback={tMatch("guestNext", { name: guest.hostName })} className="text-sm text-neutral-300" />
            ) : (
              // Kept at its height while the links load, so nothing moves when they arrive.
              <div className="flex min-h-[6.25rem] flex-col gap-2">
                {playSlot}
                {plex ? (
                  <>
                    <a href={plex.web} target="_blank" rel="noreferrer" data-testid="final-round-open-in-plex" className="min-h-11 rounded-full bg-amber-400 px-5 py-3 font-semibold text-black hover:bg-amber-300">
                      {tMatch("openInPlex")}
                    </a>
                    <a href={plex.app} className="min-h-11 rounded-full bg-night-700 px-5 py-3 font-semibold ring-1 ring-white/10">
                      {tMatch("openInPlexApp")}
                    </a>
                  </>
                ) : null}
              </div>
            )}
            <button type="button" onClick={onClose} ref={close} data-testid="final-round-winner-close" className="min-h-11 rounded-full px-5 py-3 font-semibold text-neutral-400 hover:text-white">
              {t("close")}
            </button>
          </div>
        </div>
      </div>
    </dialog>
  );
}
