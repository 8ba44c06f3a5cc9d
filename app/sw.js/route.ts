// GET /sw.js - the service worker that `next build` made (scripts/lib/build-worker.mjs); at the top of
// the app so that its scope covers every page (lib/pwa/worker-location.ts)
import { readFile } from "node:fs/promises";
import path from "node:path";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

let script: Promise<string | null> | undefined;

function builtWorker(): Promise<string | null> {
  const file = path.join(process.cwd(), process.env.REELMATCH_DIST_DIR || ".next", "worker", "sw.js");
  script ??= readFile(file, "utf8").catch(() => null);
  return script;
}

export async function GET(): Promise<Response> {
  const body = await builtWorker();
  // A development server has no worker (it would cache code that changes on every save).
  if (body === null) return new Response("No service worker in this build.", { status: 404, headers: { "Content-Type": "text/plain" } });
  return new Response(body, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      // Browsers check for a new worker on every visit; a deployed build takes over at once.
      "Cache-Control": "no-cache",
      "Content-Security-Policy": "default-src 'self'; script-src 'self'; connect-src 'self'",
    },
  });
}
