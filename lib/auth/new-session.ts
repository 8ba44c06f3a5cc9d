import "server-only";
import { randomBytes } from "node:crypto";
import { getConfig } from "../config";
import { getDb } from "../db/client";
import { SESSION_MAX_AGE_SECONDS, sessionCookieName } from "./sessions";
import { cookiePath } from "@/lib/base-path";


/**
 * Creates a NextAuth database session for a user directly (profile switching happens outside
 * NextAuth's own flows) and returns the Set-Cookie header, the same cookie NextAuth would set.
 */
export async function createSessionCookie(userId: string): Promise<string> {
  const sessionToken = randomBytes(32).toString("hex");
  const expires = new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);
  await getDb().session.create({ data: { sessionToken, userId, expires } });
  const secure = getConfig().secureCookies ? "; Secure" : "";
  return `${sessionCookieName()}=${sessionToken}; Path=${cookiePath}; Expires=${expires.toUTCString()}; HttpOnly; SameSite=Lax${secure}`;
}
