import "server-only";
import { randomBytes } from "node:crypto";
import { getConfig } from "../config";
import { getDb } from "../db/client";
import { sessionCookieName } from "./sessions";

const THIRTY_DAYS_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Creates a NextAuth database session for a user directly (profile switching happens outside
 * NextAuth's own flows) and returns the Set-Cookie header, the same cookie NextAuth would set.
 */
export async function createSessionCookie(userId: string): Promise<string> {
  const sessionToken = randomBytes(32).toString("hex");
  const expires = new Date(Date.now() + THIRTY_DAYS_MS);
  await getDb().session.create({ data: { sessionToken, userId, expires } });
  const secure = getConfig().secureCookies ? "; Secure" : "";
  return `${sessionCookieName()}=${sessionToken}; Path=/; Expires=${expires.toUTCString()}; HttpOnly; SameSite=Lax${secure}`;
}
