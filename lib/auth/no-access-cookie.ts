import "server-only";
import { getConfig } from "../config";
import { signValue, verifySigned } from "../crypto";
import { withBase } from "@/lib/base-path";

/**
 * Marks the browser of a sign-in that was just refused (10 minutes, signed, httpOnly): only it is
 * told the configured server's name on the no-access page. A visitor who opens /no-access without
 * it learns nothing about the server, and no link can make the page name another one.
 */
export const NO_ACCESS_COOKIE = "reelmatch.noaccess";
const MAX_AGE_SECONDS = 10 * 60;

export function noAccessCookieHeader(): string {
  const value = signValue(String(Date.now() + MAX_AGE_SECONDS * 1000), "no-access");
  const secure = getConfig().secureCookies ? "; Secure" : "";
  return `${NO_ACCESS_COOKIE}=${value}; Path=${withBase("/no-access")}; HttpOnly; SameSite=Lax; Max-Age=${MAX_AGE_SECONDS}${secure}`;
}

/** True when the cookie value is ours and not expired. */
export function isRefusedSignIn(value: string | undefined): boolean {
  try {
    const expires = Number(verifySigned(value, "no-access"));
    return Number.isFinite(expires) && expires > Date.now();
  } catch {
    return false;
  }
}
