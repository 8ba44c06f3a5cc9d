"use client";

import { useState } from "react";
import { send, type ApiError } from "@/lib/swr/fetcher";
import { useRoomWatchlist } from "@/lib/swr/use-after-match";
import type { WatchlistState } from "@/lib/view-models";

const TEXT = {
  add: "Watchlist",
  addHint: "Add it to your Plex watchlist",
  listed: "On watchlist",
  removeHint: "On your Plex watchlist: press to remove it",
  unavailable: "Not on Plex's watchlist",
  unavailableWhy: "Plex did not identify this film (it has no Plex match), so it cannot go on a Plex watchlist.",
  loading: "Watchlist\u2026",
  retry: "Watchlist: try again",
  addAll: "Add all matches to my watchlist",
  allListed: "Every match is on your watchlist",
  skipped: (titles: string) => `Not added (no Plex match): ${titles}.`,
} as const;

export interface WatchlistButtonProps {
  code: string;
  ratingKey: string;
  variant: "overlay" | "row";
}

/** Adds a match to the person's own Plex watchlist, or takes it off; says so when the film cannot be listed. */
export function WatchlistButton({ code, ratingKey, variant }: WatchlistButtonProps) {
  const watchlist = useRoomWatchlist(code);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const status = watchlist.data?.films[ratingKey];
  const listed = status === "listed";

  const toggle = async () => {
    setBusy(true);
    setError(null);
    try {
      const next = await send<WatchlistState>(listed ? "DELETE" : "POST", `/api/rooms/${code}/matches/${ratingKey}/watchlist`);
      await watchlist.mutate(next, { revalidate: false });
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  };

  const look =
    variant === "overlay"
      ? `min-h-11 w-full rounded-full px-5 py-3 font-semibold ring-1 ring-white/15 ${listed ? "bg-emerald-500/20 text-emerald-200" : "bg-night-700 text-white"}`
      : `flex min-h-11 items-center hover:underline ${listed ? "text-emerald-300" : "text-neutral-300"}`;
  if (!status && watchlist.error) {
    // Plex's watchlist service did not answer: say so, and let the person ask again.
    return (
      <button type="button" className={look} title={watchlist.error.message} onClick={() => void watchlist.mutate()} data-testid="watchlist-retry">
        {TEXT.retry}
      </button>
    );
  }
  if (status === "unavailable") {
    return (
      <p className={variant === "overlay" ? "text-sm text-neutral-400" : "flex min-h-11 items-center text-xs font-normal text-neutral-400"} title={TEXT.unavailableWhy} data-testid="watchlist-unavailable">
        {TEXT.unavailable}
      </p>
    );
  }
  return (
    <>
      <button
        type="button"
        className={look}
        disabled={busy || !status}
        aria-pressed={status ? listed : undefined}
        title={listed ? TEXT.removeHint : TEXT.addHint}
        onClick={() => void toggle()}
        data-testid="watchlist-toggle"
        data-status={status ?? "loading"}
      >
        {!status ? TEXT.loading : listed ? `\u2713 ${TEXT.listed}` : `+ ${TEXT.add}`}
      </button>
      {error ? (
        <p className="basis-full text-sm font-normal text-amber-200" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}

/** "Add all matches to my watchlist", above the match list. */
export function WatchlistAllButton({ code }: { code: string }) {
  const watchlist = useRoomWatchlist(code);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const films = Object.values(watchlist.data?.films ?? {});
  const allListed = !films.includes("not_listed");
  // Nothing to add and nothing listed: every match lacks a Plex match (each row says so).
  if (allListed && !films.includes("listed")) return null;

  const addAll = async () => {
    setBusy(true);
    setNote(null);
    try {
      const next = await send<WatchlistState>("POST", `/api/rooms/${code}/watchlist`);
      await watchlist.mutate(next, { revalidate: false });
      if (next.skipped?.length) setNote(TEXT.skipped(next.skipped.map((s) => s.title).join(", ")));
    } catch (e) {
      setNote((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="flex flex-col gap-1">
      <button type="button" disabled={busy || allListed} onClick={() => void addAll()} className="min-h-11 self-start rounded-full bg-white/10 px-4 text-sm font-semibold disabled:opacity-60" data-testid="watchlist-all">
        {allListed ? TEXT.allListed : TEXT.addAll}
      </button>
      {note ? (
        <p className="text-sm text-amber-200" role="status">
          {note}
        </p>
      ) : null}
    </div>
  );
}
