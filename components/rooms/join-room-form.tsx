"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError, send } from "@/lib/swr/fetcher";
import { withBase } from "@/lib/base-path";

export interface JoinRoomFormProps {
  code: string;
  displayCode: string;
  /** The signed-in user's name; null for a guest. */
  userName: string | null;
  guestsAllowed: boolean;
}

/** Joining a room: as the signed-in Plex user, or as a guest with a display name. */
export function JoinRoomForm({ code, displayCode, userName, guestsAllowed }: JoinRoomFormProps) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const join = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await send("POST", `/api/rooms/${code}/participants`, userName ? {} : { name });
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Could not join. Check the connection and try again.");
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void join(e)} className="flex flex-col gap-4" data-testid="join-room-form">
      <p className="text-neutral-300">
        Room <span className="font-mono font-bold">{displayCode}</span>
      </p>
      {userName ? (
        <p>Join as {userName}.</p>
      ) : guestsAllowed ? (
        <label className="flex flex-col gap-2 text-sm font-medium text-neutral-300">
          Your name (the others see it)
          <input name="name" value={name} onChange={(e) => setName(e.target.value)} maxLength={40} required autoComplete="nickname"
            className="rounded-2xl bg-night-700 px-4 py-3 text-lg ring-1 ring-white/10 focus:outline-2 focus:outline-reel-400" />
        </label>
      ) : (
        <p className="rounded-xl bg-amber-500/15 px-4 py-3 text-amber-200">The host has switched guests off. Sign in with Plex to join this room.</p>
      )}
      {error ? <p role="alert" className="text-sm text-red-300">{error}</p> : null}
      {userName || guestsAllowed ? (
        <button type="submit" disabled={busy} data-testid="join-room-submit" className="rounded-full bg-reel-500 px-5 py-3.5 font-semibold text-white hover:bg-reel-600 disabled:opacity-50">
          {busy ? "Joining…" : "Join the room"}
        </button>
      ) : (
        <a href={withBase("/signin")} className="rounded-full bg-reel-500 px-5 py-3.5 text-center font-semibold text-white">Sign in with Plex</a>
      )}
    </form>
  );
}
