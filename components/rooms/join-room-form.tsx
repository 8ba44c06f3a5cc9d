"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { ApiError, send } from "@/lib/swr/fetcher";
import { withBase } from "@/lib/base-path";
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
  const t = useTranslations("JoinRoom");
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
      setError(err instanceof ApiError ? err.message : t("joinFailed"));
      setBusy(false);
    }
  };
  const changeName = (value: string) => {
    setName(value);
    // the refusal was about the name sent: it goes once the name changes
    setError(null);
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
        {t.rich(invite.libraries.length ? "inviteLibraries" : "inviteAnyLibrary", {
          libraries: invite.libraries.join(", "),
          films: invite.films,
          people: invite.people,
          code: displayCode,
          strong: (chunks) => <strong className="text-white">{chunks}</strong>,
          mono: (chunks) => <span className="whitespace-nowrap font-mono font-bold text-white">{chunks}</span>,
        })}
      </p>
      {userName ? (
        <p aria-live="polite">{busy ? t("joiningAs", { name: userName }) : t("joinAs", { name: userName })}</p>
      ) : guestsAllowed ? (
        <label className="flex flex-col gap-2 text-sm font-medium text-neutral-300">
          {t("guestName")}
          <input name="name" value={name} onChange={(e) => changeName(e.target.value)} maxLength={40} required autoComplete="nickname"
            aria-invalid={error ? true : undefined} aria-describedby={error ? "join-error" : undefined}
            className="rounded-2xl bg-night-700 px-4 py-3 text-lg ring-1 ring-white/10 focus:outline-2 focus:outline-reel-400" />
        </label>
      ) : (
        <p className="rounded-xl bg-amber-500/15 px-4 py-3 text-amber-200">{t("guestsOff")}</p>
      )}
      {error ? <p id="join-error" role="alert" className="text-sm text-red-300">{error}</p> : null}
      {userName || guestsAllowed ? (
        <button type="submit" disabled={busy} data-testid="join-room-submit" className="rounded-full bg-reel-500 px-5 py-3.5 font-semibold text-white hover:bg-reel-600 disabled:opacity-50">
          {busy ? t("joining") : error && userName ? t("tryAgain") : t("join")}
        </button>
      ) : (
        <a href={withBase("/signin")} className="rounded-full bg-reel-500 px-5 py-3.5 text-center font-semibold text-white">{t("signIn")}</a>
      )}
    </form>
  );
}
