"use client";

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { WaitingSwipesNote } from "@/components/offline/waiting-swipes-note";
import { submitSwipe, takeBackWaitingSwipe } from "@/lib/offline/swipe-queue";
import { useSendWaitingSwipes } from "@/lib/offline/use-waiting-swipes";
import { ApiError, send } from "@/lib/swr/fetcher";
import { useDeck } from "@/lib/swr/use-deck";
import type { DeckCard, DeckPage } from "@/lib/swr/types";
import { decideRelease, flyOut, leaning, releaseVelocity, tiltFor, type PointerSample } from "./card-physics";
import { FilmCard } from "./film-card";
import { posterPlaceholder, prefetchPoster } from "./poster-image";
import { DECK_CARD_SIZES, posterSrcSet, posterUrl } from "@/lib/poster-urls";

export interface SwipeDeckProps {
  code: string;
  /** This participant's next deck position when the page loaded. */
  start: number;
  total: number;
  /** How many cards this participant has swiped, as the room state says (the people list's figure). */
  swiped: number;
  /** Deck positions withdrawn while the room is open (a restricted participant may not see them). */
  withdrawn: ReadonlySet<number>;
  disabled?: boolean;
  /** Something covers the deck (the match overlay): keys do not swipe the card behind it. */
  paused?: boolean;
  /** The deck page at `start`, sent with the room page (not fetched again). */
  firstPage?: DeckPage;
}

interface Drag {
  dx: number;
  dy: number;
  below: boolean;
}

interface Flyer {
  id: number;
  card: DeckCard;
  from: { x: number; y: number; rotate: number };
  to: { x: number; y: number; rotate: number; durationMs: number };
}

const HINT_KEY = "reelmatch.swipe-hint-seen";

function prefersReducedMotion(): boolean {
  return typeof window !== "undefined" && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

/** A first-time hint on touch screens, until the first swipe. */
function hintWanted(): boolean {
  if (typeof window === "undefined" || !window.matchMedia("(pointer: coarse)").matches) return false;
  try {
    return !localStorage.getItem(HINT_KEY);
  } catch {
    return false;
  }
}

function buzz(ms: number): void {
  if (typeof navigator !== "undefined" && "vibrate" in navigator) navigator.vibrate(ms);
}

/** A swiped card on its way off the screen (it takes no input; the next card is already live). */
function FlyingCard({ flyer, width, height, onDone }: { flyer: Flyer; width: number; height: number; onDone: (id: number) => void }) {
  const el = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const node = el.current;
    if (!node) return;
    const { from, to } = flyer;
    const at = (p: { x: number; y: number; rotate: number }) => `translate(${p.x}px, ${p.y}px) rotate(${p.rotate}deg)`;
    const frames = prefersReducedMotion()
      ? [{ transform: at(from), opacity: 1 }, { transform: at(from), opacity: 0 }]
      : [{ transform: at(from), opacity: 1 }, { transform: at(to), opacity: 0.9 }];
    const animation = node.animate(frames, { duration: prefersReducedMotion() ? 160 : to.durationMs, easing: "cubic-bezier(0.2, 0.6, 0.4, 1)", fill: "forwards" });
    animation.onfinish = () => onDone(flyer.id);
    return () => animation.cancel();
  }, [flyer, onDone]);
  const lean = flyer.to.x > 0 ? 1 : -1;
  return (
    <div ref={el} inert className="pointer-events-none absolute left-1/2 top-1/2 z-20 -ml-[var(--w)] -mt-[var(--h)]" style={{ width, height, ["--w" as string]: `${width / 2}px`, ["--h" as string]: `${height / 2}px` }} data-testid="flying-card">
      <FilmCard card={flyer.card} showDetails={false} onToggleDetails={() => {}} lean={lean} cssWidth={width} />
    </div>
  );
}

/**
 * The swipe deck: the card follows the finger (or mouse) and tilts, a flick is judged by its last
 * 100 ms, a decided card flies out with the finger's momentum while the next one is already live
 * (no input is ever dropped: keys and buttons pressed before the next card has loaded wait for
 * it), an undecided one springs back. Like/nope buttons, arrow keys, undo, progress.
 */
export function SwipeDeck({ code, start: initialStart, total: roomTotal, swiped: roomSwiped, withdrawn, disabled, paused, firstPage }: SwipeDeckProps) {
  const t = useTranslations("Deck");
  const [start, setStart] = useState(initialStart);
  // The deck position of the next card to show; withdrawn cards simply drop out before it.
  const [cursor, setCursorState] = useState(initialStart);
  const cursorRef = useRef(initialStart);
  const setCursor = useCallback((position: number) => {
    cursorRef.current = position;
    setCursorState(position);
  }, []);
  const [showDetails, setShowDetails] = useState(false);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [springing, setSpringing] = useState(false);
  const [flyers, setFlyers] = useState<Flyer[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [undoFailed, setUndoFailed] = useState(false);
  const [lastRank, setLastRank] = useState<number | null>(null);
  const [swipedAny, setSwipedAny] = useState(initialStart > 0);
  // The card (and so the hint) renders only once measured in the browser: no server/client mismatch.
  const [hint, setHint] = useState(() => initialStart === 0 && hintWanted());
  const [size, setSize] = useState({ width: 0, height: 0 });
  const stage = useRef<HTMLDivElement>(null);
  const samples = useRef<PointerSample[]>([]);
  const pointer = useRef<{ id: number; x: number; y: number } | null>(null);
  const waiting = useRef<boolean[]>([]);
  const nextFlyer = useRef(0);
  // Cards an undo took back that the person had swiped past (a change of mind about an older card,
  // in another tab say): swiping one again goes on where they were, not through cards already swiped.
  const resumeAfter = useRef(new Map<number, number>());

  // Swipes go through this device's waiting queue (lib/offline/swipe-queue.ts): kept across a
  // reload, sent in order, again when the connection returns. After a reload the deck goes on past
  // the swipes still waiting; a swipe the server refused brings its card back with the reason.
  useSendWaitingSwipes(code, {
    serverNext: initialStart,
    onResume: (position) => {
      setCursor(position);
      setSwipedAny(true);
    },
    onRefused: (refusal) => {
      setCursor(refusal.position);
      waiting.current = [];
      setMessage(refusal.message);
    },
  });

  const { cards, total: deckTotal, error, isLoading, hasMore, loadMore, retry } = useDeck(code, start, withdrawn, firstPage);
  const cardsRef = useRef(cards);
  useLayoutEffect(() => {
    cardsRef.current = cards;
  });
  const total = deckTotal ?? roomTotal;
  const at = cards.findIndex((c) => c.position >= cursor);
  const current = at >= 0 ? cards[at] : undefined;
  const upcoming = at >= 0 ? cards[at + 1] : undefined;
  const left = at >= 0 ? cards.length - at : 0;
  const coming = hasMore || isLoading;

  useEffect(() => {
    if (hasMore && !isLoading && left < 6) loadMore();
  }, [left, hasMore, isLoading, loadMore]);

  // The card keeps its 2:3 shape, as large as the stage allows.
  useLayoutEffect(() => {
    const el = stage.current;
    if (!el) return;
    const measure = () => {
      const w = Math.min(el.clientWidth, (el.clientHeight * 2) / 3);
      setSize({ width: Math.floor(w), height: Math.floor(w * 1.5) });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // The next cards' posters load while this one is on screen.
  useEffect(() => {
    if (at < 0 || !size.width) return;
    for (const c of cards.slice(at + 1, at + 4)) if (c.poster) prefetchPoster(c.poster, size.width);
  }, [at, cards, size.width]);

  const dismissHint = useCallback(() => {
    setHint(false);
    try {
      localStorage.setItem(HINT_KEY, "1");
    } catch {
      // storage blocked
    }
  }, []);

  /** Decides the card on top now; with none loaded yet the decision waits for the next one. */
  const decide = useCallback(
    (liked: boolean, from?: { x: number; y: number; rotate: number; vx: number; vy: number }) => {
      if (disabled) return;
      const card = cardsRef.current.find((c) => c.position >= cursorRef.current);
      if (!card) {
        if (coming) waiting.current.push(liked);
        return;
      }
      setCursor(resumeAfter.current.get(card.position) ?? card.position + 1);
      const width = stage.current?.clientWidth ?? 400;
      const direction = liked ? 1 : -1;
      const start = from ?? { x: 0, y: 0, rotate: 0, vx: direction * 2, vy: 0 };
      const to = flyOut({ direction, dx: start.x, dy: start.y, vx: start.vx, vy: start.vy, viewportWidth: width, cardWidth: size.width });
      setFlyers((list) => [...list, { id: nextFlyer.current++, card, from: start, to }]);
      setDrag(null);
      setShowDetails(false);
      setSwipedAny(true);
      setLastRank(card.rank);
      setMessage(null);
      setUndoFailed(false);
      void submitSwipe({ code, ratingKey: card.ratingKey, liked, position: card.position });
      buzz(12);
      dismissHint();
    },
    [code, coming, disabled, dismissHint, setCursor, size.width],
  );

  // Decisions made before their card had loaded take effect as cards arrive.
  useEffect(() => {
    while (waiting.current.length && cardsRef.current.some((c) => c.position >= cursorRef.current)) decide(waiting.current.shift() as boolean);
    if (!coming) waiting.current = [];
  }, [cards, coming, decide]);

  const undo = useCallback(async () => {
    setMessage(null);
    setUndoFailed(false);
    if (waiting.current.pop() !== undefined) return;
    try {
      // Not sent yet: taken back on this device alone (one on its way is waited for).
      const unsent = await takeBackWaitingSwipe(code);
      if (unsent) {
        setCursor(unsent.position);
        setShowDetails(false);
        return;
      }
      const res = await send<{ position: number; resume: number }>("DELETE", `/api/rooms/${code}/swipes/last`);
      if (!cardsRef.current.some((c) => c.position <= res.position)) setStart(res.position);
      resumeAfter.current.set(res.position, res.resume);
      setCursor(res.position);
      setShowDetails(false);
    } catch (e) {
      setUndoFailed(true);
      setMessage(e instanceof ApiError ? e.message : t("undoUnreachable"));
    }
  }, [code, setCursor, t]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (paused || e.defaultPrevented || e.altKey) return;
      const target = e.target instanceof Element ? e.target : null;
      if (target?.closest("input, textarea, select, [contenteditable], dialog, [role=dialog]")) return;
      if (e.key === "ArrowRight" && !e.ctrlKey && !e.metaKey) decide(true);
      else if (e.key === "ArrowLeft" && !e.ctrlKey && !e.metaKey) decide(false);
      else if (e.key === "Backspace" || (e.key === "z" && (e.ctrlKey || e.metaKey))) {
        if (!e.repeat) void undo();
      } else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [decide, undo, paused]);

  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    if (showDetails || disabled || e.button > 0) return;
    const box = e.currentTarget.getBoundingClientRect();
    pointer.current = { id: e.pointerId, x: e.clientX, y: e.clientY };
    samples.current = [{ x: 0, y: 0, t: e.timeStamp }];
    setSpringing(false);
    setDrag({ dx: 0, dy: 0, below: e.clientY > box.top + box.height / 2 });
    try {
      e.currentTarget.setPointerCapture(e.pointerId);
    } catch {
      // a pointer the browser no longer tracks: the drag still works while it stays on the card
    }
  };
  const onPointerMove = (e: React.PointerEvent) => {
    const p = pointer.current;
    if (!p || p.id !== e.pointerId) return;
    const dx = e.clientX - p.x;
    const dy = e.clientY - p.y;
    // Browsers hand over one move per frame; the coalesced ones keep every position and time a fast flick went through.
    const raw = typeof e.nativeEvent.getCoalescedEvents === "function" ? e.nativeEvent.getCoalescedEvents() : [];
    for (const m of raw.length ? raw : [e.nativeEvent]) samples.current.push({ x: m.clientX - p.x, y: m.clientY - p.y, t: m.timeStamp });
    if (samples.current.length > 60) samples.current.splice(0, samples.current.length - 60);
    setDrag((d) => {
      if (d && Math.abs(leaning(d.dx, size.width)) < 1 && Math.abs(leaning(dx, size.width)) >= 1) buzz(8);
      return d ? { ...d, dx, dy } : d;
    });
  };
  const onPointerUp = (e: React.PointerEvent) => {
    const p = pointer.current;
    if (!p || p.id !== e.pointerId) return;
    pointer.current = null;
    const dx = e.clientX - p.x;
    const dy = e.clientY - p.y;
    const last = samples.current[samples.current.length - 1];
    if (!last || last.x !== dx || last.y !== dy) samples.current.push({ x: dx, y: dy, t: e.timeStamp });
    const { vx, vy } = releaseVelocity(samples.current);
    const direction = decideRelease({ dx, vx, cardWidth: size.width });
    if (direction !== 0) decide(direction > 0, { x: dx, y: dy, rotate: tiltFor(dx, drag?.below), vx, vy });
    else {
      setSpringing(true);
      setDrag(null);
    }
  };
  const onPointerCancel = () => {
    pointer.current = null;
    setSpringing(true);
    setDrag(null);
  };
  const onFlown = useCallback((id: number) => setFlyers((list) => list.filter((f) => f.id !== id)), []);

  const done = !current && !coming && !error;
  const progress = current ? current.rank : done ? total : lastRank !== null ? lastRank + 1 : roomSwiped;
  const dx = drag?.dx ?? 0;
  const dy = drag?.dy ?? 0;
  const lean = leaning(dx, size.width);
  const reduced = typeof window !== "undefined" && prefersReducedMotion();
  const topTransform = reduced ? `translate(${dx}px, ${dy}px)` : `translate(${dx}px, ${dy}px) rotate(${tiltFor(dx, drag?.below)}deg)`;
  const underScale = 0.94 + 0.06 * Math.abs(lean);
  const cardBox = { width: size.width, height: size.height, ["--w" as string]: `${size.width / 2}px`, ["--h" as string]: `${size.height / 2}px` };
  const centred = "absolute left-1/2 top-1/2 -ml-[var(--w)] -mt-[var(--h)]";

  return (
    <section
      className="grid h-full min-h-0 grid-cols-[1fr_auto_1fr] grid-rows-[auto_minmax(0,1fr)_auto_auto] gap-x-5 gap-y-2 [grid-template-areas:'progress_progress_progress'_'stage_stage_stage'_'note_note_note'_'nope_undo_like'] [@media(max-height:520px)]:grid-cols-[auto_minmax(0,1fr)_auto] [@media(max-height:520px)]:grid-rows-[auto_minmax(0,1fr)_minmax(0,1fr)_auto] [@media(max-height:520px)]:gap-x-3 [@media(max-height:520px)]:[grid-template-areas:'nope_progress_like'_'nope_stage_like'_'undo_stage_like'_'note_note_note']"
      aria-label={t("deckLabel")}
    >
      <div className="flex items-center justify-between text-sm text-neutral-400 [grid-area:progress]">
        <span data-testid="progress">
          {t("progress", { done: Math.min(progress, total), total })}
        </span>
        <span className="hidden sm:inline [@media(max-height:520px)]:hidden">{t("keys")}</span>
      </div>
      <p className="sr-only" aria-live="polite" data-testid="deck-announcer">
        {current ? t("announce", { title: current.title, year: current.year ?? 0, rank: current.rank + 1, total }) : done ? t("allDone") : ""}
      </p>
      <div ref={stage} className="relative min-h-0 [container-type:size] [grid-area:stage]" data-testid="deck-stage">
        {current && !size.width ? (
          // Until the browser has measured the stage (the server's HTML, up to hydration): the first
          // card's poster where CSS puts the card, so the page's largest paint waits for no script.
          <div aria-hidden className="absolute left-1/2 top-1/2 aspect-[2/3] w-[min(100cqw,calc(100cqh*2/3))] -translate-x-1/2 -translate-y-1/2 overflow-hidden rounded-3xl ring-1 ring-white/10" style={{ backgroundImage: posterPlaceholder(current.colors) }} data-testid="card-preview">
            {current.poster ? <img src={posterUrl(current.poster, 480)} srcSet={posterSrcSet(current.poster)} sizes={DECK_CARD_SIZES} alt="" fetchPriority="high" className="h-full w-full object-cover" /> : null}
          </div>
        ) : null}
        {upcoming && size.width ? (
          <div inert aria-hidden className={centred} style={{ ...cardBox, transform: `scale(${underScale})`, transition: drag ? "none" : "transform 300ms ease-out" }} data-testid="upcoming-card">
            <FilmCard card={upcoming} showDetails={false} onToggleDetails={() => {}} cssWidth={size.width} />
          </div>
        ) : null}
        {current && size.width ? (
          <div
            key={current.ratingKey}
            className={`${centred} z-10 cursor-grab touch-none select-none [container-type:inline-size] active:cursor-grabbing`}
            style={{
              ...cardBox,
              transform: topTransform,
              transition: drag ? "none" : springing && !reduced ? "transform 520ms cubic-bezier(0.18, 1.4, 0.4, 1)" : "transform 200ms ease-out",
            }}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={onPointerCancel}
            onTransitionEnd={() => setSpringing(false)}
            data-testid="swipe-card"
          >
            <FilmCard card={current} showDetails={showDetails} onToggleDetails={() => setShowDetails((s) => !s)} lean={lean} cssWidth={size.width} eager />
            {hint ? (
              <div className="pointer-events-none absolute inset-x-4 top-[28%] flex flex-col items-center gap-2 rounded-2xl bg-black/70 p-4 text-center [@media(max-height:520px)]:inset-x-2 [@media(max-height:520px)]:top-[6%] [@media(max-height:520px)]:gap-1 [@media(max-height:520px)]:p-2 [@media(max-height:520px)]:text-sm" data-testid="swipe-hint">
                <svg aria-hidden viewBox="0 0 48 24" className="h-6 w-12 animate-[nudge_1.6s_ease-in-out_infinite] text-reel-400 motion-reduce:animate-none" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round">
                  <path d="M4 12h40M34 4l10 8-10 8" />
                </svg>
                <p className="font-semibold">{t("hint")}</p>
                <p className="text-sm text-neutral-300 [@media(max-height:520px)]:hidden">{t("hintButtons")}</p>
              </div>
            ) : null}
          </div>
        ) : null}
        {flyers.map((f) => (
          <FlyingCard key={f.id} flyer={f} width={size.width} height={size.height} onDone={onFlown} />
        ))}
        {!current ? (
          <div className={`${centred} flex flex-col items-center justify-center gap-3 rounded-3xl bg-night-800 p-6 text-center ring-1 ring-white/10`} style={cardBox}>
            {error ? (
              <>
                <p className="text-red-300" role="alert">{error.message}</p>
                <button type="button" onClick={retry} className="min-h-11 rounded-full bg-white/10 px-5 font-semibold" data-testid="deck-retry">
                  {t("tryAgain")}
                </button>
              </>
            ) : coming ? (
              <p className="text-neutral-400">{t("dealing")}</p>
            ) : (
              <>
                <p className="text-xl font-semibold">{t("allDone")}</p>
                <p className="text-neutral-400">{t("allDoneNext")}</p>
              </>
            )}
          </div>
        ) : null}
      </div>
      <div className="flex flex-col gap-2 [grid-area:note]">
        {message ? (
          <div role="alert" className="flex items-center justify-between gap-3 rounded-xl bg-red-500/15 px-4 py-2 text-sm text-red-200" data-testid="deck-message">
            <span>{message}</span>
            {undoFailed ? (
              <button type="button" onClick={() => void undo()} className="min-h-11 shrink-0 rounded-full bg-white/10 px-4 font-semibold text-white">
                {t("tryAgain")}
              </button>
            ) : (
              <button type="button" onClick={() => setMessage(null)} className="min-h-11 shrink-0 rounded-full px-3 font-semibold text-white" aria-label={t("dismiss")}>
                {t("ok")}
              </button>
            )}
          </div>
        ) : null}
        <WaitingSwipesNote code={code} />
      </div>
      <button type="button" onClick={() => decide(false)} disabled={(!current && !coming) || disabled} aria-label={t("nope")} data-testid="nope"
        className="flex h-16 w-16 items-center justify-center self-center justify-self-end rounded-full bg-night-800 text-3xl text-red-400 ring-1 ring-white/10 transition hover:scale-105 disabled:opacity-40 [grid-area:nope] [@media(max-height:520px)]:h-14 [@media(max-height:520px)]:w-14">
        ✕
      </button>
      <button type="button" onClick={() => void undo()} disabled={!swipedAny || disabled} aria-label={t("undo")} data-testid="undo"
        className="flex h-12 w-12 items-center justify-center self-center justify-self-center rounded-full bg-night-800 text-xl text-amber-300 ring-1 ring-white/10 transition hover:scale-105 disabled:opacity-40 [grid-area:undo] [@media(max-height:520px)]:self-start">
        ↺
      </button>
      <button type="button" onClick={() => decide(true)} disabled={(!current && !coming) || disabled} aria-label={t("like")} data-testid="like"
        className="flex h-16 w-16 items-center justify-center self-center justify-self-start rounded-full bg-night-800 text-3xl text-emerald-400 ring-1 ring-white/10 transition hover:scale-105 disabled:opacity-40 [grid-area:like] [@media(max-height:520px)]:h-14 [@media(max-height:520px)]:w-14">
        ♥
      </button>
    </section>
  );
}
