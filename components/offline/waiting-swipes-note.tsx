"use client";

import { useTranslations } from "next-intl";
import { NO_CONNECTION, sendWaitingSwipes } from "@/lib/offline/swipe-queue";
import { useSendingProblem, useWaitingSwipeCount } from "@/lib/offline/use-waiting-swipes";

/** Says how many swipes wait, and why, while sending fails (nothing while swipes go through). */
export function WaitingSwipesNote({ code }: { code: string }) {
  const count = useWaitingSwipeCount(code);
  const problem = useSendingProblem();
  const t = useTranslations("Offline");
  if (count === 0 || problem === null) return null;
  return (
    <div role="status" data-testid="waiting-swipes" className="flex items-center justify-between gap-3 rounded-xl bg-amber-500/15 px-4 py-2 text-sm text-amber-100">
      <span className="flex items-center gap-2">
        <span aria-hidden className="inline-block h-2 w-2 shrink-0 animate-pulse rounded-full bg-amber-300" />
        <span>
          {problem === NO_CONNECTION ? t("noConnection") : problem} {t("waiting", { count })}
        </span>
      </span>
      <button type="button" onClick={() => void sendWaitingSwipes()} className="min-h-11 shrink-0 rounded-full bg-white/10 px-4 font-semibold text-white">
        {t("tryAgain")}
      </button>
    </div>
  );
}
