// The service worker (bundled by scripts/lib/build-worker.mjs after `next build`, served by
// app/sw.js/route.ts). It precaches the public app shell: Next's hashed static files, the icons,
// the manifest and the offline page. Pages are always fetched from the network (never cached: most
// are personal), API answers never pass through a cache, and a page that cannot be fetched because
// the network is gone is answered with the precached offline page.
import { NetworkOnly, Serwist, type PrecacheEntry } from "serwist";

declare const self: {
  /** Filled in at build time: the precache list, URLs relative to this script. */
  __SW_MANIFEST: (PrecacheEntry | string)[];
};

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  precacheOptions: { cleanupOutdatedCaches: true },
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: true,
  disableDevLogs: true,
  runtimeCaching: [{ matcher: ({ request }) => request.mode === "navigate", handler: new NetworkOnly() }],
  fallbacks: { entries: [{ url: "offline", matcher: ({ request }) => request.mode === "navigate" }] },
});

serwist.addEventListeners();
