import "server-only";
import { getConfig } from "../config";
import { type SignInErrorCode } from "./sign-in-errors";

/** A 303 redirect to a page of ours, with extra Set-Cookie headers. */
export function redirectTo(path: string, cookies: string[] = []): Response {
  const headers = new Headers({ Location: new URL(path, getConfig().appUrl).toString(), "Cache-Control": "no-store" });
  for (const c of cookies) headers.append("Set-Cookie", c);
  return new Response(null, { status: 303, headers });
}

export function signInErrorPath(code: SignInErrorCode, detail?: string): string {
  const q = new URLSearchParams({ error: code });
  if (detail) q.set("detail", detail);
  return `/signin?${q.toString()}`;
}

/** The no-access page; it names the configured server itself (never from the address bar). */
export function noAccessPath(): string {
  return "/no-access";
}

/** A callbackUrl from the query string, kept only when it is a path of ours ("/" otherwise). */
export function safeCallbackPath(callbackUrl: string | undefined): string {
  return callbackUrl?.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/";
}
