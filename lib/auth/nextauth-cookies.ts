import type { CookiesOptions } from "next-auth";

/**
 * NextAuth's cookies with the app's cookie path (lib/base-path.ts): under a sub-path no other app
 * on the host receives them. Names are NextAuth's own, except the CSRF cookie, whose "__Host-"
 * name (secure cookies) demands Path=/: under a sub-path it is "__Secure-" instead.
 */
export function nextAuthCookies(options: { secure: boolean; path: string }): CookiesOptions {
  const { secure, path } = options;
  const prefix = secure ? "__Secure-" : "";
  const attributes = { httpOnly: true, sameSite: "lax" as const, path, secure };
  const shortLived = { ...attributes, maxAge: 15 * 60 };
  return {
    sessionToken: { name: `${prefix}next-auth.session-token`, options: attributes },
    callbackUrl: { name: `${prefix}next-auth.callback-url`, options: attributes },
    csrfToken: { name: `${secure ? (path === "/" ? "__Host-" : "__Secure-") : ""}next-auth.csrf-token`, options: attributes },
    pkceCodeVerifier: { name: `${prefix}next-auth.pkce.code_verifier`, options: shortLived },
    state: { name: `${prefix}next-auth.state`, options: shortLived },
    nonce: { name: `${prefix}next-auth.nonce`, options: attributes },
  };
}

/**
 * Where NextAuth may send the browser after signing in or out: a path of the app (under its
 * sub-path) or an address of the app itself; anything else goes to the app's home.
 */
export function appRedirect(url: string, appUrl: string): string {
  if (url.startsWith("/") && !url.startsWith("//")) return `${appUrl}${url}`;
  try {
    const target = new URL(url);
    const app = new URL(appUrl);
    if (target.origin === app.origin && (target.pathname === app.pathname || target.pathname.startsWith(`${app.pathname.replace(/\/$/, "")}/`))) return url;
  } catch {
    // not a URL: home
  }
  return `${appUrl}/`;
}
