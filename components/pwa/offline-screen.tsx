"use client";

import { useEffect, useSyncExternalStore } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { subscribeToWaitingSwipes, waitingSwipes } from "@/lib/offline/swipe-queue";

function useAllWaitingSwipes(): number {
  return useSyncExternalStore(subscribeToWaitingSwipes, () => waitingSwipes().length, () => 0);
}

/** The offline page's text: what still works, what waits, and a way back once the connection returns. */
export function OfflineScreen() {
  const waiting = useAllWaitingSwipes();
  const t = useTranslations("Offline");
  useEffect(() => {
    // Back online: load the page that was asked for (this page stands in at its address).
    const reload = () => window.location.reload();
    window.addEventListener("online", reload);
    return () => window.removeEventListener("online", reload);
  }, []);

  return (
    <section className="flex flex-col gap-5" data-testid="offline-page">
      <div className="flex flex-col gap-2">
        <h1 className="text-3xl font-bold tracking-tight">{t("title")}</h1>
        <p className="text-neutral-300">{t("text")}</p>
      </div>
      {waiting > 0 ? (
        <p role="status" data-testid="offline-waiting-swipes" className="rounded-xl bg-amber-500/15 px-4 py-3 text-sm text-amber-100">
          {t("kept", { count: waiting })}
        </p>
      ) : null}
      <div className="rounded-3xl bg-night-800 p-5 ring-1 ring-white/10">
        <h2 className="mb-2 text-sm font-semibold uppercase tracking-widest text-emerald-300">{t("worksTitle")}</h2>
        <ul className="flex list-disc flex-col gap-1.5 pl-5 text-sm text-neutral-200">
          <li>{t("works1")}</li>
          <li>{t("works2")}</li>
        </ul>
        <h2 className="mb-2 mt-4 text-sm font-semibold uppercase tracking-widest text-red-300">{t("needsTitle")}</h2>
        <ul className="flex list-disc flex-col gap-1.5 pl-5 text-sm text-neutral-300">
          <li>{t("needs1")}</li>
          <li>{t("needs2")}</li>
        </ul>
      </div>
      <Button className="self-start" onClick={() => window.location.reload()} data-testid="offline-retry">
        {t("tryAgain")}
      </Button>
    </section>
  );
}
