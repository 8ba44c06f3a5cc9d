import "server-only";
import { z } from "zod";
import { getConfig } from "../config";
import { signValue, verifySigned } from "../crypto";
import { readCookie } from "./sessions";
import { cookiePath } from "@/lib/base-path";

/**
 * Binds a sign-in in progress to the browser that started it: an httpOnly signed cookie holding
 * the PIN id (or password mode) and NextAuth's state. The PIN id is never taken from the URL.
 */
export const PIN_COOKIE = "reelmatch.signin";
const schema = z.object({ state: z.string().min(8), pinId: z.number().optional(), mode: z.enum(["pin", "password"]), exp: z.number() });
export type PinCookie = z.infer<typeof schema>;

export function pinCookieHeader(value: Omit<PinCookie, "exp">, maxAgeSeconds = 30 * 60): string {
  const payload = signValue(Buffer.from(JSON.stringify({ ...value, exp: Date.now() + maxAgeSeconds * 1000 })).toString("base64url"), "pin-cookie");
  return cookie(payload, maxAgeSeconds);
}

export function clearPinCookieHeader(): string {
  return cookie("", 0);
}

function cookie(value: string, maxAge: number): string {
  const secure = getConfig().secureCookies ? "; Secure" : "";
  return `${PIN_COOKIE}=${value}; Path=${cookiePath}; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`;
}

export function readPinCookie(req: Request): PinCookie | undefined {
  try {
    // Inside the try: a forged cookie may not even URI-decode.
    return parsePinCookie(readCookie(req.headers.get("cookie"), PIN_COOKIE));
  } catch {
    return undefined;
  }
}

/** The sign-in in progress from the cookie's raw value (a page reads it through next/headers). */
export function parsePinCookie(raw: string | undefined): PinCookie | undefined {
  try {
    const value = verifySigned(raw, "pin-cookie");
    if (!value) return undefined;
    const parsed = schema.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success && parsed.data.exp > Date.now() ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
