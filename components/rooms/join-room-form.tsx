"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { ApiError, send } from "@/lib/swr/fetcher";
import { withBase } from "@/lib/base-path";
import { countOf, FILMS, PEOPLE } from "@/lib/text/plural";
import type { RoomInvite } from "@/lib/rooms/describe-room-invite";

export interface JoinRoomFormProps {
  code: string;
  displayCode: string;
  /** The signed-in user's name; null for a guest. */
  userName: string | null;
  guestsAllowed: boolean;
  /** Whose room this is and what is in it. */
  invite: RoomInvite;
}

/**
 * Joining a room. A signed-in Plex user joins in one step: opening the link is enough (the join is
 * sent as soon as the page shows, with a button to try again if it fails). A guest gives a display
 * name first.
 */
export function JoinRoomForm({ code, displayCode, userName, guestsAllowed, invite }: JoinRoomFormProps) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(!!userName);
  const [error, setError] = useState<string | null>(null);
  const join = async () => {
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
  const asked = useRef(false);
  useEffect(() => {
    if (!userName || asked.current) return;
    asked.current = true;
    void join();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the page opens
  }, []);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void join();
      }}
      className="flex flex-col gap-4"
      data-testid="join-room-form"
    >
      <p className="text-neutral-300" data-testid="invite">
        Pick a film together from {invite.libraries.length ? <strong className="text-white">{invite.libraries.join(", ")}</strong> : "the library"} ({countOf(invite.films, FILMS)}) in
        room <span className="font-mono font-bold text-white">{displayCode}</span>. In the room so far: {countOf(invite.people, PEOPLE)}.
      </p>
      {userName ? (
        <p aria-live="polite">{busy ? `Joining as ${userName}…` : `Join as ${userName}.`}</p>
      ) : guestsAllowed ? (
        <label className="flex flex-col gap-2 text-sm font-medium text-neutral-300">
          Your name (the others see it, marked as a guest)
          <input name="name" value={name} onChange={(e) => setName(e.target.value)} maxLength={40} required autoComplete="nickname"
            aria-invalid={error ? true : undefined} aria-describedby={error ? "join-error" : undefined}
            className="rounded-2xl bg-night-700 px-4 py-3 text-lg ring-1 ring-white/10 focus:outline-2 focus:outline-reel-400" />
        </label>
      ) : (
        <p className="rounded-xl bg-amber-500/15 px-4 py-3 text-amber-200">The host has switched guests off. Sign in with Plex to join this room.</p>
      )}
      {error ? <p id="join-error" role="alert" className="text-sm text-red-300">{error}</p> : null}
      {userName || guestsAllowed ? (
        <button type="submit" disabled={busy} data-testid="join-room-submit" className="rounded-full bg-reel-500 px-5 py-3.5 font-semibold text-white hover:bg-reel-600 disabled:opacity-50">
          {busy ? "Joining…" : error && userName ? "Try again" : "Join the room"}
        </button>
      ) : (
        <a href={withBase("/signin")} className="rounded-full bg-reel-500 px-5 py-3.5 text-center font-semibold text-white">Sign in with Plex</a>
      )}
    </form>
  );
}
