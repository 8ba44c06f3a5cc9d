"use client";

import { useMatches } from "@/lib/swr/use-matches";
import type { MatchEntry } from "@/lib/swr/types";
import { useTranslations } from "next-intl";
import { useFilmFacts } from "@/components/swipe/film-facts";
import { PosterImage } from "@/components/swipe/poster-image";
import { HostCanPlay } from "@/components/match/host-can-play";
import { PlayOnPlayer } from "@/components/match/play-on-player";
import { WatchlistAllButton, WatchlistButton } from "@/components/match/watchlist-button";

export interface MatchesListProps {
  code: string;
  /** Guests cannot open the host's Plex: their list names who can put a film on instead. */
  guest?: { hostName: string };
}

/** A match made before people joined: fewer likes now than the rule asks of the room as it is. */
export function madeBeforeJoin(entry: MatchEntry): boolean {
  return entry.likes < entry.needed;
}

function Row({ code, entry, matched, guest }: { code: string; entry: MatchEntry; matched: boolean; guest?: { hostName: string } }) {
  const { card } = entry;
  const earlier = matched && madeBeforeJoin(entry);
  const t = useTranslations("Matches");
  const { facts } = useFilmFacts();
  return (
    <li className="flex gap-3 rounded-2xl bg-night-800 p-3 ring-1 ring-white/5" data-testid={matched ? "match-row" : "near-miss-row"}>
      <PosterImage poster={card.poster} colors={card.colors} title={card.title} cssWidth={64} decorative className="relative h-24 w-16 shrink-0 rounded-lg" />
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <p className="truncate font-semibold">{card.title}</p>
        <p className="text-sm text-neutral-400">
          {facts(card)}
          {" · "}
          <span className={matched ? "text-emerald-300" : "text-amber-300"}>
            {t("liked", { likes: entry.likes, people: entry.participants })}
          </span>
        </p>
        {earlier ? (
          <p className="text-xs text-amber-200" data-testid="matched-before-join">
            {t("beforeJoin")}
          </p>
        ) : null}
        {guest ? (
          matched ? <HostCanPlay code={code} hostName={guest.hostName} fallback={t("hostCanPlay", { name: guest.hostName })} className="mt-auto text-sm text-neutral-400" /> : null
        ) : (
          <div className="-my-2 mt-auto flex flex-wrap gap-x-3 text-sm font-semibold">
            <a href={entry.plex.web} target="_blank" rel="noreferrer" className="flex min-h-11 items-center text-amber-300 hover:underline" data-testid="plex-web-link">
              {t("openInPlex")}
            </a>
            <a href={entry.plex.app} className="flex min-h-11 items-center text-neutral-300 hover:underline" data-testid="plex-app-link">
              {t("plexApp")}
            </a>
            {matched ? (
              <>
                <PlayOnPlayer code={code} ratingKey={card.ratingKey} webLink={entry.plex.web} variant="row" />
                <WatchlistButton code={code} ratingKey={card.ratingKey} variant="row" />
              </>
            ) : null}
          </div>
        )}
      </div>
    </li>
  );
}

/** Matches (newest first) and near-misses ranked by likes. */
export function MatchesList({ code, guest }: MatchesListProps) {
  const swr = useMatches(code);
  const data = swr.data;
  const error = swr.error as Error | undefined;
  const t = useTranslations("Matches");
  if (error && !data) {
    return (
      <div className="flex flex-col items-start gap-3">
        <p className="text-red-300" role="alert">
          {error.message}
        </p>
        <button type="button" onClick={() => void swr.mutate()} className="min-h-11 rounded-full bg-white/10 px-5 font-semibold" data-testid="matches-retry">
          {t("tryAgain")}
        </button>
      </div>
    );
  }
  if (!data) return <p className="text-neutral-400">{t("loading")}</p>;
  const earlier = data.matches.some(madeBeforeJoin);
  return (
    <div className="flex flex-col gap-6" data-testid="matches-view">
      <section className="flex flex-col gap-3">
        <h2 className="text-lg font-semibold">{t("title")}</h2>
        {earlier ? (
          <p className="rounded-xl bg-amber-500/10 px-3 py-2 text-sm text-amber-100" data-testid="matched-before-note">
            {t("beforeJoinNote")}
          </p>
        ) : null}
        {data.matches.length && !guest ? <WatchlistAllButton code={code} /> : null}
        {data.matches.length ? (
          <ul className="flex flex-col gap-3">{data.matches.map((m) => <Row key={m.card.ratingKey} code={code} entry={m} matched guest={guest} />)}</ul>
        ) : (
          <p className="text-sm text-neutral-400">{t("none")}</p>
        )}
      </section>
      {data.nearMisses.length ? (
        <section className="flex flex-col gap-3">
          <h2 className="text-lg font-semibold">{t("nearMisses")}</h2>
          <ul className="flex flex-col gap-3">{data.nearMisses.map((m) => <Row key={m.card.ratingKey} code={code} entry={m} matched={false} guest={guest} />)}</ul>
        </section>
      ) : null}
    </div>
  );
}
