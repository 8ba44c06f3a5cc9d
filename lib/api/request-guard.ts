import "server-only";
import { getConfig } from "../config";
import { AppError } from "../errors";

/** Methods that only read; everything else changes state and is guarded. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function hasBody(headers: Headers): boolean {
  const length = headers.get("content-length");
  return headers.has("transfer-encoding") || (length !== null && length.trim() !== "0");
}

/**
 * Refuses a state-changing request that a browser sent from another origin (403), or whose body is
 * not JSON (415). A browser names the page's origin in `Origin` on every POST/PUT/PATCH/DELETE and
 * says `Sec-Fetch-Site` on secure origins, and a web page cannot forge either; other apps on the same
 * host are "same-site", so SameSite=Lax cookies alone would not stop them. A request with neither
 * header is not from a browser (curl, scripts): it cannot carry a victim's cookies, so it is let
 * through. Requiring application/json means a cross-origin page would need a CORS preflight, which
 * we never grant. Called for every route handler by handle() in lib/api/respond.ts.
 */
export function assertSameOriginJson(req: Request): void {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return;
  const origin = req.headers.get("origin");
  const fetchSite = req.headers.get("sec-fetch-site");
  const ownOrigin = new URL(getConfig().appUrl).origin;
  const fromBrowser = origin !== null || fetchSite !== null;
  const sameOrigin = fetchSite === "same-origin" || (origin === ownOrigin && (fetchSite === null || fetchSite === "same-origin"));
  if (fromBrowser && !sameOrigin) {
    throw new AppError("forbidden", "This change was sent from another site, so Reelmatch refused it. Open Reelmatch itself (its address is APP_URL) and try again.");
  }
  const type = req.headers.get("content-type");
  const isJson = type?.split(";")[0]?.trim().toLowerCase() === "application/json";
  if (type !== null ? !isJson : hasBody(req.headers)) {
    throw new AppError("unsupported_media_type", "Send the request body as JSON, with the header Content-Type: application/json.");
  }
}
