"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useHostPlayers } from "@/lib/swr/use-after-match";

export interface HostCanPlayProps {
  code: string;
  hostName: string;
  /** What a guest is told while the host's players load, or when none is online. */
  fallback: string;
  className?: string;
  "data-testid"?: string;
}

/**
 * A guest's next step: 'Olivia can put it on “Living Room TV” or “Bedroom Roku”.' (the host's
 * online players, quoted: Plex names them freely, often with the owner's name), else `fallback`.
 */
export function HostCanPlay({ code, hostName, fallback, className, "data-testid": testId = "host-can-play" }: HostCanPlayProps) {
  const t = useTranslations("Match");
  const format = useFormatter();
  const players = useHostPlayers(code).data?.players ?? [];
  return (
    <p className={className} data-testid={testId}>
      {players.length
        ? t("hostCanPlayOn", { name: hostName, players: format.list(players.map((player) => t("playerName", { name: player })), { type: "disjunction" }) })
        : fallback}
    </p>
  );
}
