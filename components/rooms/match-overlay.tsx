"use client";

import { HostCanPlay } from "@/components/match/host-can-play";
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { PublicCard, RoomParticipant } from "@/lib/view-models";
import { useTranslations } from "next-intl";
import { useFilmFacts } from "@/components/swipe/film-facts";
import { PosterImage } from "@/components/swipe/poster-image";
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
  const dialog = useRef<HTMLDialogElement>(null);
  const keepSwiping = useRef<HTMLButtonElement>(null);
  const [shared, setShared] = useState<string | null>(null);
  const t = useTranslations("Match");
  const { facts } = useFilmFacts();

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    // The dialog would focus its first focusable box (its scrolling content); the way on is "Keep swiping".
    keepSwiping.current?.focus();
    return () => el?.close();
  }, []);

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
    <dialog
      ref={dialog}
      aria-labelledby="match-heading"
      data-testid="match-overlay"
      data-withdrawn={withdrawn ? "true" : "false"}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      // Full screen: inline, so the browser's own dialog box (border, margins, max sizes) cannot win.
      style={{ width: "100vw", height: "100dvh", maxWidth: "none", maxHeight: "none", margin: 0, border: 0, padding: 0 }}
      className="bg-night-900/95 text-white backdrop:bg-black/60"
    >
      <div className="mx-auto flex h-full max-w-md flex-col items-center gap-4 overflow-y-auto p-6 [justify-content:safe_center] text-center [@media(max-height:520px)]:max-w-3xl [@media(max-height:520px)]:flex-row [@media(max-height:520px)]:gap-8">
        <div className={`relative ${actions ? "w-[min(60vw,24dvh)]" : "w-[min(60vw,30dvh)]"} shrink-0 [@media(max-height:520px)]:w-[min(30vw,42dvh)] ${withdrawn ? "opacity-50 grayscale" : "animate-[match-pop_520ms_cubic-bezier(0.2,1.5,0.4,1)_both] motion-reduce:animate-none"}`}>
          <PosterImage poster={card.poster} colors={card.colors} title={card.title} className="relative aspect-[2/3] w-full rounded-2xl shadow-2xl ring-1 ring-white/10" eager />
        </div>
        <div className="flex flex-col items-center gap-3">
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
            {/* The links' room is kept while they load (the room's matches are fetched after the match event), so nothing moves when they arrive. */}
            {!withdrawn && !guest ? (
              <div className="flex min-h-[6.25rem] flex-col gap-2">
                {plex ? (
                  <>
                    <a href={plex.web} target="_blank" rel="noreferrer" data-testid="open-in-plex" className={`${button} bg-amber-400 text-black hover:bg-amber-300`}>
                      {t("openInPlex")}
                    </a>
                    <a href={plex.app} data-testid="open-in-plex-app" className={`${button} bg-night-700 ring-1 ring-white/10`}>
                      {t("openInPlexApp")}
                    </a>
                  </>
                ) : null}
              </div>
            ) : null}
            {!withdrawn && !guest ? actions : null}
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
        </div>
      </div>
    </dialog>
  );
}
