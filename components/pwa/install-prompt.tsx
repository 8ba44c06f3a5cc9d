"use client";

import { usePathname } from "next/navigation";
import { useEffect, useState, useSyncExternalStore } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** Chromium's install offer (not in TypeScript's DOM types). */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: "accepted" | "dismissed" }>;
}

const DISMISSED_KEY = "reelmatch:install-offer-dismissed";

function subscribeToConnection(listener: () => void): () => void {
  window.addEventListener("online", listener);
  window.addEventListener("offline", listener);
  return () => {
    window.removeEventListener("online", listener);
    window.removeEventListener("offline", listener);
  };
}

/** True in Safari on an iPhone or iPad that has not been opened from the home screen. */
function isIosSafariInBrowser(): boolean {
  const ua = navigator.userAgent;
  const ios = /iPhone|iPad|iPod/.test(ua) || (ua.includes("Macintosh") && navigator.maxTouchPoints > 1);
  const otherBrowser = /CriOS|FxiOS|EdgiOS|OPiOS|GSA\//.test(ua);
  const standalone = (navigator as Navigator & { standalone?: boolean }).standalone === true || matchMedia("(display-mode: standalone)").matches;
  return ios && !otherBrowser && /Safari/.test(ua) && !standalone;
}

function dismissedBefore(): boolean {
  try {
    return localStorage.getItem(DISMISSED_KEY) !== null;
  } catch {
    return false;
  }
}

/**
 * Offers to install the app: a button where the browser offers installation (`beforeinstallprompt`),
 * and once, on iOS Safari, how to add it to the home screen. Dismissed, neither comes back. Not on
 * a room's screen, where the swipe buttons are.
 */
export function InstallPrompt() {
  const pathname = usePathname();
  const t = useTranslations("Pwa");
  const [offer, setOffer] = useState<BeforeInstallPromptEvent | null>(null);
  const [iosHint, setIosHint] = useState(false);
  const [dismissed, setDismissed] = useState(true);
  const online = useSyncExternalStore(subscribeToConnection, () => navigator.onLine, () => true);

  useEffect(() => {
    const onOffer = (e: Event) => {
      e.preventDefault();
      setOffer(e as BeforeInstallPromptEvent);
    };
    const onInstalled = () => setOffer(null);
    window.addEventListener("beforeinstallprompt", onOffer);
    window.addEventListener("appinstalled", onInstalled);
    const timer = setTimeout(() => {
      setDismissed(dismissedBefore());
      setIosHint(isIosSafariInBrowser());
    });
    return () => {
      clearTimeout(timer);
      window.removeEventListener("beforeinstallprompt", onOffer);
      window.removeEventListener("appinstalled", onInstalled);
    };
  }, []);

  const dismiss = () => {
    try {
      localStorage.setItem(DISMISSED_KEY, new Date().toISOString());
    } catch {
      // storage blocked: it comes back on the next visit
    }
    setDismissed(true);
  };

  // Not offline either (the offline page stands in at the address asked for).
  if (dismissed || !online || pathname.startsWith("/r/") || pathname === "/offline" || (!offer && !iosHint)) return null;
  return (
    <aside aria-label={t("installLabel")} data-testid="install-banner"
      className="fixed inset-x-3 bottom-[max(0.75rem,env(safe-area-inset-bottom))] z-40 mx-auto flex max-w-md items-center gap-3 rounded-2xl bg-night-800/95 p-3 shadow-2xl ring-1 ring-white/10 backdrop-blur">
      <img src="/icons/icon-192.png" alt="" width={44} height={44} className="h-11 w-11 shrink-0 rounded-xl" />
      {offer ? (
        <>
          <p className="min-w-0 flex-1 text-sm text-neutral-200">{t("installOffer")}</p>
          <Button className="shrink-0 px-4 py-2 text-sm" data-testid="install-app"
            onClick={() => {
              void offer.prompt();
              void offer.userChoice.finally(() => setOffer(null));
            }}>
            {t("install")}
          </Button>
        </>
      ) : (
        <p className="min-w-0 flex-1 text-sm text-neutral-200" data-testid="install-hint">
          {t.rich("iosHint", { icon: () => <ShareIcon />, b: (chunks) => <span className="font-semibold">{chunks}</span> })}
        </p>
      )}
      <button type="button" onClick={dismiss} aria-label={t("notNow")} data-testid="install-dismiss"
        className="flex h-9 w-9 shrink-0 items-center justify-center rounded-full text-lg text-neutral-400 hover:bg-white/5 hover:text-white">
        ✕
      </button>
    </aside>
  );
}

function ShareIcon() {
  return (
    <svg aria-hidden viewBox="0 0 24 24" className="inline h-4 w-4 -translate-y-0.5 fill-none stroke-current stroke-2 text-sky-300">
      <path d="M12 3v12M7 8l5-5 5 5M5 12v7a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-7" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
