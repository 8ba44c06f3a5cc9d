"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { WaitingSwipesNote } from "@/components/offline/waiting-swipes-note";
import { submitSwipe, takeBackWaitingSwipe } from "@/lib/offline/swipe-queue";
import { useSendWaitingSwipes } from "@/lib/offline/use-waiting-swipes";
import { ApiError, send } from "@/lib/swr/fetcher";
import { useDeck } from "@/lib/swr/use-deck";
import { FilmCard } from "./film-card";

export interface SwipeDeckProps {
  code: string;
  /** This participant's next deck position when the page loaded. */
  start: number;
  total: number;
  /** Deck positions withdrawn while the room is open (a restricted participant may not see them). */
  withdrawn: ReadonlySet<number>;
  disabled?: boolean;
}

const THRESHOLD_PX = 110;
const FLICK_PX_PER_MS = 0.6;

/** The swipe deck: drag or flick (touch and mouse), like/nope buttons, arrow keys, undo, progress. */
export function SwipeDeck({ code, start: initialStart, total: roomTotal, withdrawn, disabled }: SwipeDeckProps) {
  const [start, setStart] = useState(initialStart);
  // The deck position of the next card to show; withdrawn cards simply drop out before it.
  const [cursor, setCursor] = useState(initialStart);
  const [showDetails, setShowDetails] = useState(false);
  const [dragX, setDragX] = useState(0);
  const [flying, setFlying] = useState<0 | 1 | -1>(0);
  const [message, setMessage] = useState<string | null>(null);
  const [swipedAny, setSwipedAny] = useState(initialStart > 0);
  const drag = useRef<{ x: number; t: number; id: number } | null>(null);
  const [dragging, setDragging] = useState(false);
  const { cards, total: deckTotal, error, isLoading, hasMore, loadMore } = useDeck(code, start, withdrawn);
  const total = deckTotal ?? roomTotal;
  const at = cards.findIndex((c) => c.position >= cursor);
  const current = at >= 0 ? cards[at] : undefined;
  const upcoming = at >= 0 ? cards[at + 1] : undefined;
  const left = at >= 0 ? cards.length - at : 0;

  useEffect(() => {
    if (hasMore && !isLoading && left < 6) loadMore();
  }, [left, hasMore, isLoading, loadMore]);

  // Swipes made offline wait on this device (lib/offline/swipe-queue.ts).
  useSendWaitingSwipes(code, {
    serverNext: initialStart,
    onResume: (position) => {
      setCursor(position);
      setSwipedAny(true);
    },
    onRefused: (refusal) => {
      setMessage(refusal.message);
      setCursor(refusal.position);
    },
  });

  const swipe = useCallback(
    (liked: boolean) => {
      if (!current || flying || disabled) return;
      setFlying(liked ? 1 : -1);
      setMessage(null);
      const card = current;
      let failed = false;
      window.setTimeout(() => {
        // A swipe the server refused before the card flew off stays on screen.
        if (!failed) setCursor(card.position + 1);
        setFlying(0);
        setDragX(0);
        setShowDetails(false);
        setSwipedAny(true);
      }, 180);
      void submitSwipe({ code, ratingKey: card.ratingKey, liked, position: card.position }).then((outcome) => {
        if (outcome.kind !== "refused") return;
        failed = true;
        setMessage(outcome.message);
        setCursor(card.position);
      });
    },
    [code, current, flying, disabled],
  );

  const undo = useCallback(async () => {
    setMessage(null);
    const waiting = await takeBackWaitingSwipe(code);
    if (waiting) {
      setCursor(waiting.position);
      setShowDetails(false);
      return;
    }
    try {
      const res = await send<{ position: number }>("DELETE", `/api/rooms/${code}/swipes/last`);
      if (!cards.some((c) => c.position <= res.position)) setStart(res.position);
      setCursor(res.position);
      setShowDetails(false);
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : "Undo did not reach the server.");
    }
  }, [code, cards]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
      if (e.key === "ArrowRight") swipe(true);
      else if (e.key === "ArrowLeft") swipe(false);
      else if (e.key === "Backspace" || (e.key === "z" && (e.ctrlKey || e.metaKey))) void undo();
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [swipe, undo]);

  const onPointerDown = (e: React.PointerEvent) => {
    if (flying || showDetails) return;
    drag.current = { x: e.clientX, t: performance.now(), id: e.pointerId };
    setDragging(true);
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: React.PointerEvent) => {
    if (drag.current?.id === e.pointerId) setDragX(e.clientX - drag.current.x);
  };
  const onPointerUp = (e: React.PointerEvent) => {
    const d = drag.current;
    drag.current = null;
    setDragging(false);
    if (!d || d.id !== e.pointerId) return;
    const dx = e.clientX - d.x;
    const speed = Math.abs(dx) / Math.max(1, performance.now() - d.t);
    if (Math.abs(dx) > THRESHOLD_PX || (Math.abs(dx) > 30 && speed > FLICK_PX_PER_MS)) swipe(dx > 0);
    else setDragX(0);
  };

  const position = current ? current.rank : total;
  const offset = flying ? flying * 600 : dragX;
  const tilt = offset / 20;

  return (
    <section className="flex h-full min-h-0 flex-col gap-3" aria-label="Swipe deck">
      <div className="flex items-center justify-between text-sm text-neutral-400">
        <span data-testid="progress">
          {Math.min(position, total)} of {total}
        </span>
        <span className="hidden sm:inline">← nope · like → · Backspace undo</span>
      </div>
      <div className="relative min-h-0 flex-1">
        {upcoming ? (
          <div className="absolute inset-0 scale-[0.96] opacity-60" aria-hidden>
            <FilmCard card={upcoming} showDetails={false} onToggleDetails={() => {}} />
          </div>
        ) : null}
        {current ? (
          <div
            key={current.ratingKey}
            className="absolute inset-0 cursor-grab touch-none select-none active:cursor-grabbing"
            style={{ transform: `translateX(${offset}px) rotate(${tilt}deg)`, transition: dragging ? "none" : "transform 180ms ease-out" }}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={() => {
              drag.current = null;
              setDragging(false);
              setDragX(0);
            }}
            data-testid="swipe-card"
          >
            <FilmCard card={current} showDetails={showDetails} onToggleDetails={() => setShowDetails((s) => !s)} />
            <span
              className="pointer-events-none absolute left-5 top-5 rounded-xl border-4 border-emerald-400 px-3 py-1 text-2xl font-black uppercase text-emerald-400"
              style={{ opacity: Math.max(0, Math.min(1, offset / THRESHOLD_PX)) }}
            >
              Like
            </span>
            <span
              className="pointer-events-none absolute right-5 top-5 rounded-xl border-4 border-red-400 px-3 py-1 text-2xl font-black uppercase text-red-400"
              style={{ opacity: Math.max(0, Math.min(1, -offset / THRESHOLD_PX)) }}
            >
              Nope
            </span>
          </div>
        ) : (
          <div className="flex h-full flex-col items-center justify-center gap-2 rounded-3xl bg-night-800 p-8 text-center ring-1 ring-white/10">
            {error ? (
              <p className="text-red-300">{error.message}</p>
            ) : isLoading || hasMore ? (
              <p className="text-neutral-400">Dealing the cards…</p>
            ) : (
              <>
                <p className="text-xl font-semibold">That was every film.</p>
                <p className="text-neutral-400">Look at the matches and the near-misses.</p>
              </>
            )}
          </div>
        )}
      </div>
      <WaitingSwipesNote code={code} />
      {message ? (
        <p role="alert" className="rounded-xl bg-red-500/15 px-4 py-2 text-sm text-red-200">
          {message}
        </p>
      ) : null}
      <div className="flex items-center justify-center gap-5 pb-1">
        <button type="button" onClick={() => swipe(false)} disabled={!current || disabled} aria-label="Nope" data-testid="nope"
          className="flex h-16 w-16 items-center justify-center rounded-full bg-night-800 text-3xl text-red-400 ring-1 ring-white/10 transition hover:scale-105 disabled:opacity-40">
          ✕
        </button>
        <button type="button" onClick={() => void undo()} disabled={!swipedAny || disabled} aria-label="Undo" data-testid="undo"
          className="flex h-12 w-12 items-center justify-center rounded-full bg-night-800 text-xl text-amber-300 ring-1 ring-white/10 transition hover:scale-105 disabled:opacity-40">
          ↺
        </button>
        <button type="button" onClick={() => swipe(true)} disabled={!current || disabled} aria-label="Like" data-testid="like"
          className="flex h-16 w-16 items-center justify-center rounded-full bg-night-800 text-3xl text-emerald-400 ring-1 ring-white/10 transition hover:scale-105 disabled:opacity-40">
          ♥
        </button>
      </div>
    </section>
  );
}
