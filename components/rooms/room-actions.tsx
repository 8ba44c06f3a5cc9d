"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { useSWRConfig } from "swr";
import { ApiError, send } from "@/lib/swr/fetcher";
import { withBase } from "@/lib/base-path";

export interface RoomActionsProps {
  code: string;
  isHost: boolean;
  open: boolean;
}

/** The host closes the room for everyone; anyone else leaves it. Both ask first. */
export function RoomActions({ code, isHost, open }: RoomActionsProps) {
  const { mutate } = useSWRConfig();
  const [error, setError] = useState<string>();
  const t = useTranslations("Room");
  if (!open) return null;

  async function act() {
    const question = isHost ? t("closeConfirm") : t("leaveConfirm");
    if (!window.confirm(question)) return;
    setError(undefined);
    try {
      await send("DELETE", isHost ? `/api/rooms/${code}` : `/api/rooms/${code}/participants`);
    } catch (error) {
      return setError(error instanceof ApiError ? error.message : t("actionFailed"));
    }
    if (isHost) void mutate(`/api/rooms/${code}`);
    else window.location.assign(withBase("/"));
  }

  return (
    <div className="flex flex-col gap-1">
      <button type="button" onClick={() => void act()} data-testid={isHost ? "close-room" : "leave-room"}
        className="min-h-11 self-start rounded-full px-4 py-1.5 text-sm text-neutral-400 ring-1 ring-white/10 hover:text-white">
        {isHost ? t("closeRoom") : t("leaveRoom")}
      </button>
      {error ? <p role="alert" className="text-xs text-red-300">{error}</p> : null}
    </div>
  );
}
