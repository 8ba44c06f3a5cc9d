"use client";

import { useMatches } from "@/lib/swr/use-matches";
import type { MatchEntry } from "@/lib/swr/types";
import { filmFacts, posterSrc } from "@/components/swipe/film-facts";

export interface MatchesListProps {
  code: string;
}

function Row({ entry, matched }: { entry: MatchEntry; matched: boolean }) {
  const { card } = entry;
  return (
    <li className="flex gap-3 rounded-2xl bg-night-800 p-3 ring-1 ring-white/5" data-testid={matched ? "match-row" : "near-miss-row"}>
      {card.poster ? <img src={posterSrc(card.poster, 1)} srcSet={`${posterSrc(card.poster, 2)} 2x`} alt="" className="h-24 w-16 shrink-0 rounded-lg object-cover" /> : null}
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <p className="truncate font-semibold">{card.title}</p>
        <p className="text-sm text-neutral-400">
          {filmFacts(card)}
          {" · "}
          <span className={matched ? "text-emerald-300" : "text-amber-300"}>
            {entry.likes} of {entry.participants} liked
          </span>
        </p>
        <div className="mt-auto flex flex-wrap gap-x-5 text-sm font-semibold">
          <a href={entry.plex.web} target="_blank" rel="noreferrer" className="inline-flex min-h-11 items-center text-amber-300 hover:underline" data-testid="plex-web-link">
            Open in Plex
          </a>
          <a href={entry.plex.app} className="inline-flex min-h-11 items-center text-neutral-300 hover:underline" data-testid="plex-app-link">
            Plex app
          </a>
        </div>
      </div>
    </li>
  );
}

/** Matches (newest first) and near-misses ranked by likes. */
export function MatchesList({ code }: MatchesListProps) {
  const swr = useMatches(code);
  const data = swr.data;
  const error = swr.error as Error | undefined;
  if (error) return <p className="text-red-300">{error.message}</p>;
  if (!data) return <p className="text-neutral-400">Loading…</p>;
  return (
    <div className="flex flex-col gap-6" data-testid="matches-view">
      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">Matches</h2>
        {data.matches.length ? (
          <ul className="flex flex-col gap-3">{data.matches.map((m) => <Row key={m.card.ratingKey} entry={m} matched />)}</ul>
        ) : (
          <p className="text-sm text-neutral-400">No match yet. Keep swiping: when the room agrees, it shows up here and on every screen.</p>
        )}
      </section>
      {data.nearMisses.length ? (
        <section className="flex flex-col gap-3">
          <h2 className="text-lg font-semibold">Near-misses</h2>
          <ul className="flex flex-col gap-3">{data.nearMisses.map((m) => <Row key={m.card.ratingKey} entry={m} matched={false} />)}</ul>
        </section>
      ) : null}
    </div>
  );
}
