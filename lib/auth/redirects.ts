import "server-only";
import { getConfig } from "../config";
import { signValue, verifySigned } from "../crypto";
import { type SignInErrorCode } from "./sign-in-errors";

/** A 303 redirect to a page of ours (a path: under APP_URL and its sub-path) or to an address, with extra Set-Cookie headers. */
export function redirectTo(path: string, cookies: string[] = []): Response {
  const location = path.startsWith("/") && !path.startsWith("//") ? `${getConfig().appUrl}${path}` : new URL(path).toString();
  const headers = new Headers({ Location: location, "Cache-Control": "no-store" });
  for (const c of cookies) headers.append("Set-Cookie", c);
  return new Response(null, { status: 303, headers });
}

/**
 * The sign-in page with a failure's code, and optionally a detail for the person (the addresses
 * tried, for the server's owner). The detail is signed: the page shows it only when the signature
 * matches, so a crafted link cannot put words on our page.
 */
export function signInErrorPath(code: SignInErrorCode, detail?: string): string {
  const q = new URLSearchParams({ error: code });
  if (detail) q.set("detail", signValue(`${code}:${detail}`, "sign-in-detail"));
  return `/signin?${q.toString()}`;
}

/** The detail of a sign-in failure from the page's query, when it is ours and of this code. */
export function verifiedSignInDetail(code: string | undefined, detail: string | undefined): string | undefined {
  const value = verifySigned(detail, "sign-in-detail");
  return code && value?.startsWith(`${code}:`) ? value.slice(code.length + 1) : undefined;
}

/** The no-access page; it names the configured server itself (never from the address bar). */
export function noAccessPath(): string {
  return "/no-access";
}

/** A callbackUrl from the query string, kept only when it is a path of ours ("/" otherwise). */
export function safeCallbackPath(callbackUrl: string | undefined): string {
  return callbackUrl?.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/";
}
