"use client";

import { useWaitingSwipeCount } from "@/lib/offline/use-waiting-swipes";

/** Says how many swipes wait for the connection (nothing when none do). */
export function WaitingSwipesNote({ code }: { code: string }) {
  const count = useWaitingSwipeCount(code);
  if (count === 0) return null;
  return (
    <p role="status" data-testid="waiting-swipes" className="flex items-center gap-2 rounded-xl bg-amber-500/15 px-4 py-2 text-sm text-amber-100">
      <span aria-hidden className="inline-block h-2 w-2 shrink-0 animate-pulse rounded-full bg-amber-300" />
      <span>
        {count === 1 ? "1 swipe is" : `${count} swipes are`} waiting for the connection. They are kept on this device and sent when you are back online.
      </span>
    </p>
  );
}
