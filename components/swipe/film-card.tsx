"use client";

import type { PublicCard } from "@/lib/swr/types";
import { useTranslations } from "next-intl";
import { useFilmFacts } from "./film-facts";
import { PosterImage } from "./poster-image";

export interface FilmCardProps {
  card: PublicCard;
  showDetails: boolean;
  onToggleDetails: () => void;
  /** -1..1 while dragged: how strongly the LIKE (right) or NOPE (left) stamp shows. */
  lean?: number;
  /** Displayed width in CSS pixels, so the poster is asked for at that size. */
  cssWidth?: number;
  eager?: boolean;
}

/** One film: a 2:3 poster with title, year, runtime, rating and genres over its foot; details on demand. */
export function FilmCard({ card, showDetails, onToggleDetails, lean = 0, cssWidth, eager }: FilmCardProps) {
  const score = card.rating ?? card.audienceRating;
  const t = useTranslations("Deck");
  const { facts, score: scoreText } = useFilmFacts();
  return (
    <article className="relative h-full w-full overflow-hidden rounded-3xl bg-night-800 shadow-2xl ring-1 ring-white/10" data-testid="film-card" data-rating-key={card.ratingKey}>
      <PosterImage poster={card.poster} colors={card.colors} title={card.title} cssWidth={cssWidth} eager={eager} className="absolute inset-0" />
      {/* The stamps sit in the poster's upper part: the facts at its foot stay readable. */}
      <span
        aria-hidden
        data-testid="stamp-like"
        className="pointer-events-none absolute left-[7%] top-[8%] -rotate-[14deg] rounded-xl border-4 border-emerald-400 bg-black/25 px-3 py-0.5 text-[clamp(1.25rem,7cqw,2.25rem)] font-black uppercase tracking-wider text-emerald-400"
        style={{ opacity: Math.max(0, lean) }}
      >
        {t("stampLike")}
      </span>
      <span
        aria-hidden
        data-testid="stamp-nope"
        className="pointer-events-none absolute right-[7%] top-[8%] rotate-[14deg] rounded-xl border-4 border-red-400 bg-black/25 px-3 py-0.5 text-[clamp(1.25rem,7cqw,2.25rem)] font-black uppercase tracking-wider text-red-400"
        style={{ opacity: Math.max(0, -lean) }}
      >
        {t("stampNope")}
      </span>
      <div className="absolute inset-x-0 bottom-0 flex flex-col gap-1 bg-gradient-to-t from-black/95 via-black/75 to-transparent px-4 pb-3 pt-16 [@media(max-height:520px)]:gap-0.5 [@media(max-height:520px)]:px-3 [@media(max-height:520px)]:pt-10" data-testid="film-facts">
        <h2 className="text-2xl font-bold leading-tight [@media(max-height:520px)]:text-lg" data-testid="film-title">
          {card.title}
        </h2>
        <p className="text-sm text-neutral-200">
          {facts(card, { withRating: true })}
          {score !== undefined ? <span className="ml-2 font-semibold text-amber-300">★ {scoreText(score)}</span> : null}
        </p>
        <div className="flex flex-wrap gap-1.5 [@media(max-height:520px)]:hidden">
          {card.genres.slice(0, 3).map((g) => (
            <span key={g} className="rounded-full bg-white/15 px-2.5 py-0.5 text-xs text-neutral-100">
              {g}
            </span>
          ))}
        </div>
        <button
          type="button"
          onPointerDown={(e) => e.stopPropagation()}
          onClick={onToggleDetails}
          className="-mb-2 -ml-2 min-h-11 self-start px-2 text-sm font-semibold text-reel-400 underline-offset-4 hover:underline"
          aria-expanded={showDetails}
        >
          {showDetails ? t("hideDetails") : t("details")}
        </button>
      </div>
      {showDetails ? (
        <div className="absolute inset-0 flex flex-col gap-3 overflow-y-auto bg-night-900/95 p-5 text-sm" data-testid="film-details" onPointerDown={(e) => e.stopPropagation()}>
          <h3 className="text-xl font-bold">{card.title}</h3>
          {card.tagline ? <p className="italic text-neutral-300">{card.tagline}</p> : null}
          <p className="leading-relaxed text-neutral-200">{card.summary || t("noSummary")}</p>
          {card.directors.length ? (
            <p>
              <span className="text-neutral-400">{t("director")} </span>
              {card.directors.join(", ")}
            </p>
          ) : null}
          {card.cast.length ? (
            <p>
              <span className="text-neutral-400">{t("cast")} </span>
              {card.cast.join(", ")}
            </p>
          ) : null}
          <button type="button" onClick={onToggleDetails} className="mt-auto min-h-11 self-start rounded-full bg-white/10 px-4 py-2 font-semibold">
            {t("backToPoster")}
          </button>
        </div>
      ) : null}
    </article>
  );
}
