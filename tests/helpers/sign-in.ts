import type { Browser, BrowserContext } from "playwright-core";
import { expect } from "vitest";
import type { FakePlex } from "../fake-plex";
import { newContext } from "./browser";
import { CookieJar } from "./cookie-jar";

export type FakeUsername = "olivia" | "frank" | "sam";

export interface SignInRun {
  jar: CookieJar;
  /** Where the app sent the browser at the end (a path of the app). */
  finalLocation: string;
}

/** Presses "Continue with Plex": NextAuth answers with the URL of our PIN route (its authorization URL). */
export async function nextAuthSignInUrl(appUrl: string, jar: CookieJar, query = ""): Promise<string> {
  const csrf = (await (await jar.fetch(`${appUrl}/api/auth/csrf`)).json()) as { csrfToken: string };
  const res = await jar.fetch(`${appUrl}/api/auth/signin/plex${query}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl: `${appUrl}/`, json: "true" }),
  });
  return ((await res.json()) as { url: string }).url;
}

/** Starts a Plex sign-in the way the browser does and returns Plex's auth page URL. */
export async function startPlexSignIn(appUrl: string, jar = new CookieJar()): Promise<{ jar: CookieJar; plexAuthUrl: string }> {
  const url = await nextAuthSignInUrl(appUrl, jar);
  const pin = await jar.fetch(url);
  expect(pin.status).toBe(303);
  return { jar, plexAuthUrl: pin.headers.get("location")! };
}

/** Plex's auth page parameters (they are in the URL fragment: `/auth#?clientID=&code=&forwardUrl=`). */
export function authPageParams(plexAuthUrl: string): URLSearchParams {
  return new URLSearchParams(new URL(plexAuthUrl).hash.replace(/^#\??/, ""));
}

/** Follows the app's redirects (same origin only) until it lands on a page; returns that path. */
export async function followRedirects(jar: CookieJar, url: string, appUrl: string): Promise<string> {
  let next = url;
  for (let i = 0; i < 10; i++) {
    const res = await jar.fetch(next);
    const location = res.headers.get("location");
    if (!location || res.status < 300 || res.status >= 400) return new URL(next).pathname + new URL(next).search;
    next = new URL(location, next).toString();
    if (!next.startsWith(appUrl)) return next;
  }
  throw new Error("too many redirects");
}

/**
 * Signs in as one of the fake Plex accounts through the whole PIN flow (as a browser would,
 * with fetch): NextAuth -> our PIN route -> the fake Plex auth page approves -> back to the app.
 */
export async function signInRun(appUrl: string, fake: FakePlex, username: FakeUsername, jar?: CookieJar): Promise<SignInRun> {
  const approved = await approvedPlexSignIn(appUrl, fake, username, jar);
  return approved.finish();
}

export interface ApprovedSignIn {
  jar: CookieJar;
  /** Plex sends the browser back to the app: follows the redirects to the page it lands on. */
  finish(): Promise<SignInRun>;
}

/** Starts a sign-in and approves it on the fake Plex auth page; the browser has not come back yet. */
export async function approvedPlexSignIn(appUrl: string, fake: FakePlex, username: FakeUsername, jar?: CookieJar): Promise<ApprovedSignIn> {
  const started = await startPlexSignIn(appUrl, jar);
  const params = authPageParams(started.plexAuthUrl);
  const approve = await fetch(`${fake.plexTvUrl}/_fake/auth/approve`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code: params.get("code"), clientID: params.get("clientID"), username }),
  });
  expect(approve.status).toBe(200);
  return {
    jar: started.jar,
    finish: async () => ({ jar: started.jar, finalLocation: await followRedirects(started.jar, params.get("forwardUrl")!, appUrl) }),
  };
}

/** Signs in and returns the Cookie header value of the new session. */
export async function signInAs(appUrl: string, fake: FakePlex, username: FakeUsername): Promise<string> {
  const run = await signInRun(appUrl, fake, username);
  if (!run.jar.get("next-auth.session-token")) throw new Error(`sign-in as ${username} ended at ${run.finalLocation} without a session`);
  return run.jar.header();
}

/** The PIN id our app bound to this browser (the sign-in cookie is signed, not encrypted). */
export function pinIdFromJar(jar: CookieJar): number {
  const raw = jar.get("reelmatch.signin")!;
  const payload = raw.slice(0, raw.lastIndexOf("."));
  return (JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { pinId: number }).pinId;
}

/** Signs out through NextAuth (POST /api/auth/signout with its CSRF token). */
export async function signOut(appUrl: string, jar: CookieJar): Promise<void> {
  const { csrfToken } = (await (await jar.fetch(`${appUrl}/api/auth/csrf`)).json()) as { csrfToken: string };
  await jar.fetch(`${appUrl}/api/auth/signout`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl: `${appUrl}/`, json: "true" }),
  });
}

/** A new phone or desktop browser context (tests/helpers/browser.ts) holding a fresh session of `username`. */
export async function signedInContext(browser: Browser, appUrl: string, fake: FakePlex, username: FakeUsername, kind: "phone" | "desktop"): Promise<BrowserContext> {
  const context = await newContext(browser, kind);
  const header = await signInAs(appUrl, fake, username);
  await context.addCookies(
    header.split("; ").map((pair) => {
      const at = pair.indexOf("=");
      return { name: pair.slice(0, at), value: pair.slice(at + 1), url: appUrl };
    }),
  );
  return context;
}
