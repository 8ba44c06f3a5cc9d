"use client";

import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { send, type ApiError } from "@/lib/swr/fetcher";
import { usePlayers } from "@/lib/swr/use-after-match";

export interface PlayOnPlayerProps {
  code: string;
  ratingKey: string;
  /** The film's Open in Plex link: the way out when a player does not answer. */
  webLink?: string;
  /** "overlay": a full-width button on the match screen; "row": a small link-like button in the match list. */
  variant: "overlay" | "row";
}

type Status = { kind: "idle" } | { kind: "starting"; name: string } | { kind: "playing"; name: string } | { kind: "failed"; message: string };

/** "Play on…": the person's Plex players that are online; picking one starts the film there (signed-in people only). */
export function PlayOnPlayer({ code, ratingKey, webLink, variant }: PlayOnPlayerProps) {
  const t = useTranslations("PlayOn");
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const players = usePlayers(code, open);
  const panel = useRef<HTMLDivElement>(null);
  // On the match screen the list (and then the answer) is below the fold of a phone: bring it into view.
  useEffect(() => {
    if (open) panel.current?.scrollIntoView({ block: "nearest" });
  }, [open, players.data, status]);

  const play = async (player: { id: string; name: string }) => {
    setStatus({ kind: "starting", name: player.name });
    try {
      await send("POST", `/api/rooms/${code}/matches/${ratingKey}/play`, { playerId: player.id });
      setStatus({ kind: "playing", name: player.name });
    } catch (error) {
      setStatus({ kind: "failed", message: (error as ApiError).message });
    }
  };

  const trigger =
    variant === "overlay"
      ? "min-h-11 w-full rounded-full bg-reel-500 px-3 py-3 font-semibold text-white hover:bg-reel-600"
      : "flex min-h-11 items-center text-reel-400 hover:underline";
  const list = players.data?.players;
  return (
    <div className="contents" data-testid="play-on">
      <button type="button" className={trigger} aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid="play-on-open">
        {t("open")}
      </button>
      {open ? (
        <div ref={panel} className={`order-last ${variant === "overlay" ? "col-span-2" : ""} flex w-full basis-full flex-col gap-2 rounded-2xl bg-night-700/80 p-3 text-left text-sm font-normal ring-1 ring-white/10`} data-testid="play-on-panel">
          {players.error ? (
            <p className="text-red-300" role="alert">
              {players.error.message}
            </p>
          ) : !list ? (
            <p className="text-neutral-300">{t("loading")}</p>
          ) : list.length === 0 ? (
            <p className="text-neutral-300" data-testid="play-on-none">
              {t("none")}
            </p>
          ) : (
            <ul className="flex flex-col gap-1" aria-label={t("players")}>
              {list.map((p) => (
                <li key={p.id}>
                  <button
                    type="button"
                    disabled={status.kind === "starting"}
                    onClick={() => void play(p)}
                    className="flex min-h-11 w-full flex-col justify-center rounded-xl bg-night-800 px-3 py-2 text-left font-semibold text-white ring-1 ring-white/10 hover:bg-night-900 disabled:opacity-60"
                    data-testid="player-option"
                  >
                    <span>{p.name}</span>
                    {p.product ? <span className="text-xs font-normal text-neutral-400">{p.product}</span> : null}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div role="status" aria-live="polite" data-testid="play-on-status">
            {status.kind === "starting" ? <p className="text-neutral-300">{t("starting", { player: status.name })}</p> : null}
            {status.kind === "playing" ? <p className="font-semibold text-emerald-300">{t("playing", { player: status.name })}</p> : null}
            {status.kind === "failed" ? (
              <p className="text-amber-200" data-testid="play-on-failed">
                {status.message}{" "}
                {webLink ? (
                  <a href={webLink} target="_blank" rel="noreferrer" className="font-semibold text-amber-300 underline" data-testid="play-on-fallback">
                    {t("fallback")}
                  </a>
                ) : null}
              </p>
            ) : null}
          </div>
        </div>
      ) : null}
    </div>
  );
}
