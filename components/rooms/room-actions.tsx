"use client";

import { useState } from "react";
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
  if (!open) return null;

  async function act() {
    const question = isHost ? "Close this room for everyone? Matches stay visible, swiping stops." : "Leave this room?";
    if (!window.confirm(question)) return;
    setError(undefined);
    try {
      await send("DELETE", isHost ? `/api/rooms/${code}` : `/api/rooms/${code}/participants`);
    } catch (error) {
      return setError(error instanceof ApiError ? error.message : "That did not work. Check your connection and try again.");
    }
    if (isHost) void mutate(`/api/rooms/${code}`);
    else window.location.assign(withBase("/"));
  }

  return (
    <div className="flex flex-col gap-1">
      <button type="button" onClick={() => void act()} data-testid={isHost ? "close-room" : "leave-room"}
        className="self-start rounded-full px-3 py-1.5 text-sm text-neutral-400 ring-1 ring-white/10 hover:text-white">
        {isHost ? "Close room" : "Leave room"}
      </button>
      {error ? <p role="alert" className="text-xs text-red-300">{error}</p> : null}
    </div>
  );
}
