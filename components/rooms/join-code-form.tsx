"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { normalizeRoomCode, ROOM_CODE_LENGTH, tidyRoomCodeInput } from "@/lib/rooms/codes";

export interface JoinCodeFormProps {
  /** The code typed before (a code that found no room comes back here with its error). */
  initialCode?: string;
  initialError?: string;
}

/** Type a room code: tidied while typing (case, dashes, look-alikes), errors shown at the field. */
export function JoinCodeForm({ initialCode = "", initialError }: JoinCodeFormProps) {
  const router = useRouter();
  const t = useTranslations("JoinCode");
  const [code, setCode] = useState(() => tidyRoomCodeInput(initialCode).code);
  const [error, setError] = useState<string | null>(initialError ?? null);
  const [busy, setBusy] = useState(false);
  const { unusable } = tidyRoomCodeInput(code);
  const hint = unusable.length
    ? t("unusable", { characters: unusable.map((ch) => t("quoted", { ch })).join(", ") })
    : null;
  const message = error ?? hint;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const clean = normalizeRoomCode(code);
    if (!clean) {
      setError(t("badLength", { length: ROOM_CODE_LENGTH }));
      return;
    }
    setBusy(true);
    router.push(`/r/${clean}`);
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
      <label htmlFor="room-code" className="text-sm font-medium text-neutral-300">{t("label")}</label>
      <input
        id="room-code"
        name="code"
        value={code}
        onChange={(e) => {
          setCode(tidyRoomCodeInput(e.target.value).code);
          setError(null);
          setBusy(false);
        }}
        autoCapitalize="characters"
        autoComplete="off"
        autoCorrect="off"
        spellCheck={false}
        enterKeyHint="go"
        placeholder="ABCDEFGH"
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? "room-code-error" : undefined}
        data-testid="join-code-input"
        className={`rounded-2xl bg-night-700 px-4 py-4 text-center font-mono text-3xl tracking-widest ring-1 focus:outline-2 focus:outline-reel-400 ${message ? "ring-red-400/70" : "ring-white/10"}`}
      />
      {message ? (
        <p id="room-code-error" role="alert" data-testid="room-code-error" className="text-sm text-red-300">
          {message}
        </p>
      ) : null}
      <button type="submit" disabled={busy} className="rounded-full bg-reel-500 px-5 py-3.5 font-semibold text-white hover:bg-reel-600 disabled:opacity-50">
        {busy ? t("opening") : t("join")}
      </button>
    </form>
  );
}
