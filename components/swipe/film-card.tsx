"use client";

import type { PublicCard } from "@/lib/swr/types";
import { filmFacts, posterSrc } from "./film-facts";

export interface FilmCardProps {
  card: PublicCard;
  showDetails: boolean;
  onToggleDetails: () => void;
}

/** One film: poster, title, year, runtime, content rating, rating, genres; details on demand. */
export function FilmCard({ card, showDetails, onToggleDetails }: FilmCardProps) {
  return (
    <article className="relative flex h-full w-full flex-col overflow-hidden rounded-3xl bg-night-800 shadow-2xl ring-1 ring-white/10" data-testid="film-card" data-rating-key={card.ratingKey}>
      <div className="relative min-h-0 flex-1 bg-night-700">
        {card.poster ? (
          <img
            src={posterSrc(card.poster, 2)}
            srcSet={`${posterSrc(card.poster, 1)} 1x, ${posterSrc(card.poster, 2)} 2x, ${posterSrc(card.poster, 3)} 3x`}
            alt={`Poster of ${card.title}`}
            draggable={false}
            className="h-full w-full select-none object-cover"
          />
        ) : (
          <div className="flex h-full items-center justify-center p-6 text-center text-2xl font-bold text-neutral-500">{card.title}</div>
        )}
        <div className="pointer-events-none absolute inset-x-0 bottom-0 h-40 bg-gradient-to-t from-night-800 via-night-800/70 to-transparent" />
        {card.rating !== undefined ? (
          <span className="absolute right-3 top-3 rounded-full bg-black/70 px-3 py-1 text-sm font-semibold text-amber-300">★ {card.rating.toFixed(1)}</span>
        ) : null}
      </div>
      <div className="relative -mt-16 flex flex-col gap-1.5 px-5 pb-4">
        <h2 className="text-2xl font-bold leading-tight" data-testid="film-title">
          {card.title}
        </h2>
        <p className="text-sm text-neutral-300">{filmFacts(card, { withRating: true })}</p>
        <div className="flex flex-wrap gap-1.5">
          {card.genres.slice(0, 4).map((g) => (
            <span key={g} className="rounded-full bg-white/10 px-2.5 py-0.5 text-xs text-neutral-200">
              {g}
            </span>
          ))}
        </div>
        <button
          type="button"
          onPointerDown={(e) => e.stopPropagation()}
          onClick={onToggleDetails}
          className="-mb-3 min-h-11 self-start text-sm font-semibold text-reel-400 underline-offset-4 hover:underline"
          aria-expanded={showDetails}
        >
          {showDetails ? "Hide details" : "Details"}
        </button>
      </div>
      {showDetails ? (
        <div className="absolute inset-0 flex flex-col gap-3 overflow-y-auto bg-night-900 p-5 text-sm" data-testid="film-details" onPointerDown={(e) => e.stopPropagation()}>
          <h3 className="text-xl font-bold">{card.title}</h3>
          {card.tagline ? <p className="italic text-neutral-300">{card.tagline}</p> : null}
          <p className="leading-relaxed text-neutral-200">{card.summary || "No summary."}</p>
          {card.directors.length ? (
            <p>
              <span className="text-neutral-400">Director: </span>
              {card.directors.join(", ")}
            </p>
          ) : null}
          {card.cast.length ? (
            <p>
              <span className="text-neutral-400">Cast: </span>
              {card.cast.join(", ")}
            </p>
          ) : null}
          <button type="button" onClick={onToggleDetails} className="mt-auto min-h-11 self-start rounded-full bg-white/10 px-4 py-2 font-semibold">
            Back to the poster
          </button>
        </div>
      ) : null}
    </article>
  );
}
