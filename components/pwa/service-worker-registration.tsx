"use client";

import { useEffect } from "react";
import { basePath } from "@/lib/base-path";
import { workerLocation } from "@/lib/pwa/worker-location";

/** Registers the service worker (production builds only: `next dev` has none). */
export function ServiceWorkerRegistration() {
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    const { url, scope } = workerLocation(basePath);
    navigator.serviceWorker.register(url, { scope, updateViaCache: "none" }).catch((error: unknown) => {
      console.warn("The service worker could not be registered; the app works, but not offline.", error);
    });
  }, []);
  return null;
}
