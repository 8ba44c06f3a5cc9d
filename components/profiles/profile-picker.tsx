"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Avatar } from "@/components/ui/avatar";
import { useRestrictionLabel } from "@/components/profiles/restriction-text";
import { Button } from "@/components/ui/button";
import type { HomeProfile } from "@/lib/view-models";
import { withBase } from "@/lib/base-path";

type ProfileOption = HomeProfile;

/** The Plex Home's profiles; tapping one switches to it, asking for its PIN when protected. */
export function ProfilePicker({ profiles }: { profiles: ProfileOption[] }) {
  const t = useTranslations("Profiles");
  const [chosen, setChosen] = useState<ProfileOption>();
  const [pin, setPin] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function switchTo(p: ProfileOption, withPin?: string) {
    setBusy(true);
    setError(undefined);
    try {
      const res = await fetch(withBase("/api/me/profiles"), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ uuid: p.uuid, ...(withPin ? { pin: withPin } : {}) }),
      });
      if (res.ok) return window.location.assign(withBase("/"));
      const answer = (await res.json().catch(() => ({}))) as { error?: { message?: string; pinRequired?: boolean } };
      if (answer.error?.pinRequired) setChosen(p);
      setError(answer.error?.message ?? t("switchFailed"));
      setPin("");
    } catch {
      setError(t("unreachable"));
    } finally {
      setBusy(false);
    }
  }

  if (chosen) {
    return (
      <form action={() => void switchTo(chosen, pin)} className="flex flex-col items-center gap-4" data-testid="pin-form">
        <Avatar name={chosen.name} image={chosen.image} size={72} />
        <p className="text-lg font-semibold">{t("enterPin", { name: chosen.name })}</p>
        {error ? <p role="alert" className="text-sm text-red-300" data-testid="pin-error">{error}</p> : null}
        <input
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, "").slice(0, 4))}
          inputMode="numeric"
          autoComplete="off"
          autoFocus
          aria-label={t("pin")}
          data-testid="pin-input"
          className="w-40 rounded-xl bg-night-900 px-4 py-3 text-center font-mono text-3xl tracking-[0.5em] ring-1 ring-white/10 focus:outline-none focus:ring-2 focus:ring-reel-400"
        />
        <div className="flex w-full gap-3">
          <Button type="button" variant="secondary" className="flex-1" onClick={() => (setChosen(undefined), setError(undefined))}>{t("back")}</Button>
          <Button type="submit" className="flex-1" disabled={busy || pin.length !== 4} data-testid="pin-submit">{t("switch")}</Button>
        </div>
      </form>
    );
  }

  return (
    <div className="flex flex-col gap-3">
      {error ? <p role="alert" className="text-sm text-red-300">{error}</p> : null}
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3" data-testid="profiles">
        {profiles.map((p) => (
          <li key={p.uuid}>
            <button
              type="button"
              disabled={busy || p.current}
              data-testid={`profile-${p.name}`}
              onClick={() => (p.protected ? setChosen(p) : void switchTo(p))}
              className="flex w-full flex-col items-center gap-2 rounded-2xl bg-night-800 p-4 ring-1 ring-white/5 transition hover:bg-night-700 disabled:opacity-60"
            >
              <Avatar name={p.name} image={p.image} size={64} />
              <span className="font-semibold">{p.name}</span>
              <ProfileNote profile={p} />
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ProfileNote({ profile: p }: { profile: ProfileOption }) {
  const t = useTranslations("Profiles");
  const restriction = useRestrictionLabel(p.restrictionProfile);
  return (
    <span className="text-center text-xs text-neutral-400">
      {p.current ? t("youAreHere") : p.admin ? t("homeAdmin") : restriction ?? (p.restricted ? t("managed") : t("member"))}
      {p.protected ? ` · ${t("pin")}` : ""}
    </span>
  );
}
