"use client";

import { useRef, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { CelebrationDialog, POSTER_POP } from "@/components/match/celebration-dialog";
import { HostCanPlay } from "@/components/match/host-can-play";
import { PlexLinks } from "@/components/match/plex-links";
import { useFilmFacts } from "@/components/swipe/film-facts";
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
  const close = useRef<HTMLButtonElement>(null);
  const { card } = winner;
  const { facts } = useFilmFacts();

  const how = winner.decidedBy === "votes" ? t("byVotes", { votes: winner.votes }) : winner.decidedBy === "likes" ? t("byLikes") : t("byDraw");
  return (
    <CelebrationDialog labelledBy="final-winner-heading" testId="final-round-winner" card={card} posterWidth="w-[min(60vw,30dvh)]" posterEffect={POSTER_POP} focus={close} onClose={onClose}>
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
          <>
            {playSlot}
            <PlexLinks plex={plex} testId="final-round-open-in-plex" />
          </>
        )}
        <button type="button" onClick={onClose} ref={close} data-testid="final-round-winner-close" className="min-h-11 rounded-full px-5 py-3 font-semibold text-neutral-400 hover:text-white">
          {t("close")}
        </button>
      </div>
    </CelebrationDialog>
  );
}
