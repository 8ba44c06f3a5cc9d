import type { CookieJar } from "./cookie-jar";

/** The one-time setup code the app printed to its log (undefined when it printed none). */
export function setupCodeIn(output: string): string | undefined {
  return /enter this one-time setup code: ([A-Z0-9-]+)/.exec(output)?.[1];
}

/** POST /api/setup as the person in `jar`: lists their servers, or claims one with `serverId`. */
export function postSetup(jar: CookieJar, appUrl: string, body: { code?: string; serverId?: string }): Promise<Response> {
  return jar.fetch(`${appUrl}/api/setup`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}
