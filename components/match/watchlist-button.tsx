"use client";

import { useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { send, type ApiError } from "@/lib/swr/fetcher";
import { useRoomWatchlist } from "@/lib/swr/use-after-match";
import type { WatchlistState } from "@/lib/view-models";

export interface WatchlistButtonProps {
  code: string;
  ratingKey: string;
  variant: "overlay" | "row";
}

/** Adds a match to the person's own Plex watchlist, or takes it off; says so when the film cannot be listed. */
export function WatchlistButton({ code, ratingKey, variant }: WatchlistButtonProps) {
  const t = useTranslations("Watchlist");
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
      ? `min-h-11 w-full rounded-full px-3 py-3 font-semibold ring-1 ring-white/15 ${listed ? "bg-emerald-500/20 text-emerald-200" : "bg-night-700 text-white"}`
      : `flex min-h-11 items-center hover:underline ${listed ? "text-emerald-300" : "text-neutral-300"}`;
  if (!status && watchlist.error) {
    // Plex's watchlist service did not answer: say so, and let the person ask again.
    return (
      <button type="button" className={look} title={watchlist.error.message} onClick={() => void watchlist.mutate()} data-testid="watchlist-retry">
        {t("retry")}
      </button>
    );
  }
  if (status === "unavailable") {
    return (
      <p className={variant === "overlay" ? "text-sm text-neutral-400" : "flex min-h-11 items-center text-xs font-normal text-neutral-400"} title={t("unavailableWhy")} data-testid="watchlist-unavailable">
        {t("unavailable")}
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
        title={listed ? t("removeHint") : t("addHint")}
        onClick={() => void toggle()}
        data-testid="watchlist-toggle"
        data-status={status ?? "loading"}
      >
        {!status ? t("loading") : listed ? t("listed") : t("add")}
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
  const t = useTranslations("Watchlist");
  const format = useFormatter();
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
      if (next.skipped?.length) setNote(t("skipped", { count: next.skipped.length, titles: format.list(next.skipped.map((s) => s.title), { type: "conjunction" }) }));
    } catch (e) {
      setNote((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="flex flex-col gap-1">
      <button type="button" disabled={busy || allListed} onClick={() => void addAll()} className="min-h-11 self-start rounded-full bg-white/10 px-4 text-sm font-semibold disabled:opacity-60" data-testid="watchlist-all">
        {allListed ? t("allListed") : t("addAll")}
      </button>
      {note ? (
        <p className="text-sm text-amber-200" role="status">
          {note}
        </p>
      ) : null}
    </div>
  );
}
