"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { withBase } from "@/lib/base-path";

/** Whether members (not only the owner) may create rooms. */
export function RoomPolicyToggle({ initial }: { initial: boolean }) {
  const [allowed, setAllowed] = useState(initial);
  const [busy, setBusy] = useState(false);
  const t = useTranslations("Admin");
  async function change(next: boolean) {
    setBusy(true);
    const res = await fetch(withBase("/api/admin/settings"), { method: "PATCH", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ membersMayCreateRooms: next }) });
    if (res.ok) setAllowed(next);
    setBusy(false);
  }
  return (
    <label className="flex items-center justify-between gap-4 rounded-2xl bg-night-800 p-4 ring-1 ring-white/5">
      <span>
        <span className="block font-medium">{t("membersMayCreate")}</span>
        <span className="block text-sm text-neutral-400">{t("membersMayCreateHint")}</span>
      </span>
      <input
        type="checkbox"
        className="h-6 w-11 cursor-pointer accent-reel-500"
        checked={allowed}
        disabled={busy}
        data-testid="members-may-create"
        onChange={(e) => void change(e.target.checked)}
      />
    </label>
  );
}
