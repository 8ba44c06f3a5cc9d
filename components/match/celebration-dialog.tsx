"use client";

import { useEffect, useRef, type ReactNode, type RefObject } from "react";
import { PosterImage } from "@/components/swipe/poster-image";
import type { PublicCard } from "@/lib/view-models";

export interface CelebrationDialogProps {
  /** The heading's id (the dialog's name). */
  labelledBy: string;
  testId: string;
  card: Pick<PublicCard, "poster" | "colors" | "title">;
  /** The poster's width classes (phone portrait; landscape phones get their own). */
  posterWidth: string;
  /** The poster's look: the pop-in, or the greyed look of a match taken back. */
  posterEffect: string;
  /** The button that gets the focus when it opens (the way on). */
  focus: RefObject<HTMLButtonElement | null>;
  onClose: () => void;
  /** Data attributes for tests and styles. */
  data?: Record<`data-${string}`, string>;
  /** The column beside or under the poster: heading, facts, the ways on. */
  children: ReactNode;
}

/**
 * A full-screen modal <dialog> over the room (the match, the final round's winner): focus moves
 * into it and stays there, the room behind is inert, Esc closes it. Its content starts at the top
 * and its column has its full width from the start: parts that arrive later (Plex links, watchlist
 * state, a longer label) fill kept space or grow it downwards, so nothing already on screen moves.
 */
export function CelebrationDialog({ labelledBy, testId, card, posterWidth, posterEffect, focus, onClose, data, children }: CelebrationDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    // The dialog would focus its first focusable box (its scrolling content); the way on is given.
    focus.current?.focus();
    return () => el?.close();
  }, [focus]);

  return (
    <dialog
      ref={dialog}
      aria-labelledby={labelledBy}
      data-testid={testId}
      {...data}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      // Full screen: inline, so the browser's own dialog box (border, margins, max sizes) cannot win.
      style={{ width: "100vw", height: "100dvh", maxWidth: "none", maxHeight: "none", margin: 0, border: 0, padding: 0 }}
      className="bg-night-900/95 text-white backdrop:bg-black/60"
    >
      <div className="mx-auto flex h-full max-w-md flex-col items-center gap-4 overflow-y-auto p-6 text-center [@media(max-height:520px)]:max-w-3xl [@media(max-height:520px)]:flex-row [@media(max-height:520px)]:items-start [@media(max-height:520px)]:gap-8">
        <div className={`relative ${posterWidth} shrink-0 [@media(max-height:520px)]:w-[min(30vw,42dvh)] ${posterEffect}`}>
          <PosterImage poster={card.poster} colors={card.colors} title={card.title} className="relative aspect-[2/3] w-full rounded-2xl shadow-2xl ring-1 ring-white/10" eager />
        </div>
        {/* As wide as it may be from the start: sized by its content, it widened when a wider label arrived and moved everything in it. */}
        <div className="flex w-full min-w-0 flex-col items-center gap-3 [@media(max-height:520px)]:flex-1">{children}</div>
      </div>
    </dialog>
  );
}

/** The pop-in of the poster (a plain fade where motion is reduced: the dialog itself). */
export const POSTER_POP = "animate-[match-pop_520ms_cubic-bezier(0.2,1.5,0.4,1)_both] motion-reduce:animate-none";
