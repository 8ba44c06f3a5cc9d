"use client";

import type { PublicCard } from "@/lib/swr/types";
import { filmFacts, posterSrc } from "@/components/swipe/film-facts";

export interface MatchOverlayProps {
  card: PublicCard;
  plex?: { web: string; app: string };
  onClose: () => void;
  onShowMatches: () => void;
}

/** "It's a match!" over every screen of the room, the moment the room agrees. */
export function MatchOverlay({ card, plex, onClose, onShowMatches }: MatchOverlayProps) {
  return (
    <div role="dialog" aria-modal="true" aria-label="It's a match" data-testid="match-overlay"
      className="fixed inset-0 z-50 flex flex-col items-center justify-center gap-5 bg-night-900/95 p-6 text-center backdrop-blur">
      <p className="text-4xl font-black tracking-tight text-reel-400">It&rsquo;s a match!</p>
      {card.poster ? (
        <img src={posterSrc(card.poster, 2)} alt={`Poster of ${card.title}`} className="aspect-[2/3] h-[45dvh] w-auto rounded-2xl shadow-2xl ring-1 ring-white/10" />
      ) : null}
      <div>
        <h2 className="text-2xl font-bold" data-testid="match-title">
          {card.title}
        </h2>
        <p className="text-neutral-400">{filmFacts(card)}</p>
      </div>
      <div className="flex w-full max-w-xs flex-col gap-3">
        {/* The links' room is kept while they load (the room's matches are fetched after the match event), so nothing moves when they arrive. */}
        <div className="flex min-h-[6.75rem] flex-col gap-3">
          {plex ? (
            <>
              <a href={plex.web} target="_blank" rel="noreferrer" data-testid="open-in-plex" className="rounded-full bg-amber-400 px-5 py-3 font-semibold text-black hover:bg-amber-300">
                Open in Plex
              </a>
              <a href={plex.app} data-testid="open-in-plex-app" className="rounded-full bg-night-700 px-5 py-3 font-semibold ring-1 ring-white/10">
                Open in the Plex app
              </a>
            </>
          ) : null}
        </div>
        <button type="button" onClick={onShowMatches} className="rounded-full px-5 py-3 font-semibold text-neutral-300 hover:text-white">
          See all matches
        </button>
        <button type="button" onClick={onClose} className="rounded-full px-5 py-3 font-semibold text-neutral-400 hover:text-white" data-testid="keep-swiping">
          Keep swiping
        </button>
      </div>
    </div>
  );
}
