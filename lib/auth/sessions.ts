import "server-only";
import { getConfig } from "../config";
import { getDb } from "../db/client";
import { forgetCachedSession, forgetCachedSessions } from "./session-cache";
import { cookiePath } from "@/lib/base-path";

/** How long a session lasts (rolling: NextAuth extends it once a day while it is used). */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** NextAuth's session cookie name (Secure-prefixed when APP_URL is https). */
export function sessionCookieName(): string {
  return getConfig().secureCookies ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

export function readCookie(header: string | null, name: string): string | undefined {
  const hit = header?.split(/;\s*/).find((c) => c.startsWith(`${name}=`));
  return hit ? decodeURIComponent(hit.slice(name.length + 1)) : undefined;
}

/** Deletes the session the request carries (if any) and returns the header that clears its cookie. */
export async function endCurrentSession(req: Request): Promise<string[]> {
  const token = readCookie(req.headers.get("cookie"), sessionCookieName());
  if (!token) return [];
  await getDb().session.deleteMany({ where: { sessionToken: token } });
  forgetCachedSession(token);
  const secure = getConfig().secureCookies ? "; Secure" : "";
  return [`${sessionCookieName()}=; Path=${cookiePath}; HttpOnly; SameSite=Lax; Max-Age=0${secure}`];
}

/** Signs a person out on every device (admin "revoke", or "sign out everywhere"). */
export async function revokeSessions(userId: string): Promise<number> {
  const { count } = await getDb().session.deleteMany({ where: { userId } });
  forgetCachedSessions(userId);
  return count;
}
