"use client";

import { CelebrationDialog, POSTER_POP } from "@/components/match/celebration-dialog";
import { HostCanPlay } from "@/components/match/host-can-play";
import { PlexLinks } from "@/components/match/plex-links";
import { useRef, useState, type ReactNode } from "react";
import type { PublicCard, RoomParticipant } from "@/lib/view-models";
import { useTranslations } from "next-intl";
import { useFilmFacts } from "@/components/swipe/film-facts";
import { Avatar } from "@/components/ui/avatar";

export interface MatchOverlayProps {
  card: PublicCard;
  /** The people who liked it (as far as this screen knows them). */
  likers: Pick<RoomParticipant, "id" | "name" | "image">[];
  /** Plex links for members; guests cannot open the host's Plex and get `guest` instead. */
  plex?: { web: string; app: string };
  /** For a guest: who can put the film on. */
  guest?: { hostName: string };
  /** The room, for the host's players a guest is told about. */
  code: string;
  /** The match was taken back (an undo) while the overlay was open. */
  withdrawn?: boolean;
  /** More ways on for members, under the Plex links ("Play on…", watchlist). */
  actions?: ReactNode;
  onClose: () => void;
  onShowMatches: () => void;
}

const button = "min-h-11 rounded-full px-5 py-3 font-semibold";

/**
 * "It's a match!" over every screen of the room, the moment the room agrees: the poster and the
 * faces of those who liked it pop in. A modal <dialog>: focus moves into it and stays there, the
 * room behind is inert (its keys and buttons do nothing), Esc closes it.
 */
export function MatchOverlay({ code, card, likers, plex, guest, withdrawn, actions, onClose, onShowMatches }: MatchOverlayProps) {
  const keepSwiping = useRef<HTMLButtonElement>(null);
  const [shared, setShared] = useState<string | null>(null);
  const t = useTranslations("Match");
  const { facts } = useFilmFacts();

  const share = async () => {
    const text = t("shareText", { title: card.title, year: card.year ?? 0 });
    const canShare = typeof navigator.share === "function";
    try {
      if (canShare) await navigator.share({ text });
      else await navigator.clipboard.writeText(text);
      setShared(canShare ? t("shared") : t("copied"));
    } catch {
      setShared(text);
    }
  };

  return (
    <CelebrationDialog
      labelledBy="match-heading"
      testId="match-overlay"
      data={{ "data-withdrawn": withdrawn ? "true" : "false" }}
      card={card}
      posterWidth={actions ? "w-[min(60vw,24dvh)]" : "w-[min(60vw,30dvh)]"}
      posterEffect={withdrawn ? "opacity-50 grayscale" : POSTER_POP}
      focus={keepSwiping}
      onClose={onClose}
    >
      <h2 id="match-heading" className="text-4xl font-black tracking-tight text-reel-400">
        {withdrawn ? t("withdrawnTitle") : t("title")}
      </h2>
      <div>
        <p className="text-2xl font-bold" data-testid="match-title">
          {card.title}
        </p>
        <p className="text-neutral-400">{facts(card)}</p>
      </div>
      {withdrawn ? (
        <p className="text-neutral-300" data-testid="match-withdrawn">
          {t("withdrawnText")}
        </p>
      ) : likers.length ? (
        <div className="flex flex-col items-center gap-1" data-testid="match-likers">
          <ul className="flex -space-x-2" aria-label={t("likedByLabel")}>
            {likers.map((p, i) => (
              <li key={p.id} title={p.name} className="animate-[match-pop_420ms_cubic-bezier(0.2,1.5,0.4,1)_both] motion-reduce:animate-none" style={{ animationDelay: `${200 + i * 90}ms` }}>
                <Avatar name={p.name} image={p.image} size={44} />
              </li>
            ))}
          </ul>
          <p className="text-sm text-neutral-300">{t("likedBy", { names: likers.map((p) => p.name).join(", ") })}</p>
        </div>
      ) : null}
      <div className="flex w-full max-w-xs flex-col gap-2">
        {!withdrawn && !guest ? (
          <>
            <PlexLinks plex={plex} testId="open-in-plex" />
            {actions}
          </>
        ) : null}
        {!withdrawn && guest ? (
          <>
            <HostCanPlay code={code} hostName={guest.hostName} fallback={t("guestNext", { name: guest.hostName })} className="text-sm text-neutral-300" data-testid="guest-next-step" />
            <button type="button" onClick={() => void share()} className={`${button} bg-amber-400 text-black hover:bg-amber-300`} data-testid="share-match">
              {t("share")}
            </button>
            {shared ? (
              <p className="text-sm text-neutral-300" role="status">
                {shared}
              </p>
            ) : null}
          </>
        ) : null}
        <button type="button" onClick={onShowMatches} className={`${button} text-neutral-300 hover:text-white`}>
          {t("seeAll")}
        </button>
        <button type="button" onClick={onClose} className={`${button} text-neutral-400 hover:text-white`} data-testid="keep-swiping" ref={keepSwiping}>
          {t("keepSwiping")}
        </button>
      </div>
    </CelebrationDialog>
  );
}
