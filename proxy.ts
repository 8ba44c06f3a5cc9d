// Runs before every page: a fresh script nonce and the security headers (lib/api/security-headers.ts).
import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "@/lib/config";
import { pageSecurityHeaders } from "@/lib/api/security-headers";

export function proxy(request: NextRequest): NextResponse {
  const config = getConfig();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
  const headers = pageSecurityHeaders({ nonce, appUrl: config.appUrl, plexAppUrl: config.plexAppUrl, plexTvUrl: config.plexTvUrl, dev: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  // Next.js takes the nonce for its own scripts from this request header.
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Pages only: API answers are JSON (and their bodies must not be buffered for a proxy),
  // static assets carry no scripts, and the service worker (app/sw.js) sets its own policy.
  matcher: [{ source: "/((?!api/|_next/static|_next/image|icon.svg|icons/|apple-touch-icon.png|manifest.webmanifest|sw.js).*)" }],
};
