/**
 * Where the service worker lives and what it controls: the one place that knows. Everything under
 * the app's base path is in scope; the worker itself resolves its precache list relative to its own
 * URL, so a base path only has to be applied here.
 */
export const WORKER_FILE = "sw.js";

/** The worker's script URL and scope for an app served under `basePath` ("" or "/something"). */
export function workerLocation(basePath = ""): { url: string; scope: string } {
  const base = basePath.replace(/\/+$/, "");
  return { url: `${base}/${WORKER_FILE}`, scope: `${base}/` };
}

/** The start of the name of the worker's precache (Serwist's; the public app shell only, see lib/pwa/service-worker.ts). */
export const PRECACHE_PREFIX = "serwist-precache";
