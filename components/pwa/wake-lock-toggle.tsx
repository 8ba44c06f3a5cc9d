"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import { useTranslations } from "next-intl";

const noSubscription = () => () => {};

/**
 * "Keep screen on" while swiping (Screen Wake Lock), where the browser has it. The browser lets go
 * of the lock whenever the page is hidden; it is taken again when the page is seen again.
 */
export function WakeLockToggle() {
  const supported = useSyncExternalStore(noSubscription, () => "wakeLock" in navigator, () => false);
  const [wanted, setWanted] = useState(false);
  const t = useTranslations("Pwa");

  useEffect(() => {
    if (!wanted) return;
    let lock: WakeLockSentinel | null = null;
    let stopped = false;
    const acquire = async () => {
      if (document.visibilityState !== "visible" || (lock && !lock.released)) return;
      try {
        const sentinel = await navigator.wakeLock.request("screen");
        if (stopped) void sentinel.release();
        else lock = sentinel;
      } catch {
        setWanted(false); // refused (battery saver, say): show the toggle off
      }
    };
    const onVisible = () => void acquire();
    void acquire();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      stopped = true;
      document.removeEventListener("visibilitychange", onVisible);
      void lock?.release();
    };
  }, [wanted]);

  if (!supported) return null;
  return (
    <button type="button" aria-pressed={wanted} onClick={() => setWanted((w) => !w)} data-testid="wake-lock"
      title={wanted ? t("wakeOnTitle") : t("wakeOffTitle")}
      className={`flex min-h-11 shrink-0 items-center gap-1.5 rounded-full px-3 text-xs font-semibold ring-1 transition ${wanted ? "bg-amber-400/20 text-amber-200 ring-amber-300/40" : "text-neutral-400 ring-white/10 hover:text-white"}`}>
      <span aria-hidden>{wanted ? "☀" : "☾"}</span>
      {wanted ? t("wakeOn") : t("wakeOff")}
    </button>
  );
}
