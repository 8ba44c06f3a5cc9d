import { PRECACHE_PREFIX } from "./worker-location";
import { forgetWaitingSwipes } from "@/lib/offline/swipe-queue";

/**
 * Forgets what this device kept for the person signing out: swipes still waiting to be sent and
 * every cache the service worker (or anything else) filled, except the precache of the public app
 * shell, which is the same for everyone and keeps the offline page working.
 */
export async function clearOfflineData(): Promise<void> {
  forgetWaitingSwipes();
  if (typeof caches === "undefined") return;
  const names = await caches.keys();
  await Promise.all(names.filter((name) => !name.startsWith(PRECACHE_PREFIX)).map((name) => caches.delete(name)));
}
