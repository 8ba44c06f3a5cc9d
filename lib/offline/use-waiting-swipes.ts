import { useEffect, useRef, useSyncExternalStore } from "react";
import { onSwipeRefused, resumePosition, sendingProblem, sendWaitingSwipes, subscribeToWaitingSwipes, waitingSwipes, type Refusal } from "./swipe-queue";

/** How many of the room's swipes are waiting to be sent (0 on the server). */
export function useWaitingSwipeCount(code: string): number {
  return useSyncExternalStore(
    subscribeToWaitingSwipes,
    () => waitingSwipes(code).length,
    () => 0,
  );
}

/** Why the last try to send failed (NO_CONNECTION or the server's message); null when sending works. */
export function useSendingProblem(): string | null {
  return useSyncExternalStore(subscribeToWaitingSwipes, sendingProblem, () => null);
}

/**
 * Sends the waiting swipes when the page opens, when the connection returns and when the page is
 * seen again; tells the deck where to resume (past the swipes still waiting after a reload) and
 * which later-sent swipe the server refused.
 */
export function useSendWaitingSwipes(code: string, handlers: { serverNext: number; onResume: (position: number) => void; onRefused: (refusal: Refusal) => void }): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const resume = resumePosition(code, latest.current.serverNext);
    if (resume > latest.current.serverNext) latest.current.onResume(resume);
    const send = () => {
      if (document.visibilityState === "visible") void sendWaitingSwipes();
    };
    const stop = onSwipeRefused(code, (refusal) => latest.current.onRefused(refusal));
    window.addEventListener("online", send);
    document.addEventListener("visibilitychange", send);
    send();
    return () => {
      stop();
      window.removeEventListener("online", send);
      document.removeEventListener("visibilitychange", send);
    };
  }, [code]);
}
