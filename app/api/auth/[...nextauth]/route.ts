// /api/auth/* - NextAuth's handlers (sign-in redirect, callback, session, sign-out)
import NextAuth from "next-auth";
import { handle, json } from "@/lib/api/respond";
import { AppError } from "@/lib/errors";
import { getAuthOptions } from "@/lib/auth/options";
import { cookiePath } from "@/lib/base-path";

export const dynamic = "force-dynamic";

/**
 * The body as NextAuth will read it (JSON or a form; nothing for other types). NextAuth parses a
 * JSON body itself and throws on a malformed one (a 500): that is refused here first.
 */
async function readBody(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (req.method !== "POST" || !req.body) return undefined;
  if (type.includes("application/json")) {
    try {
      return JSON.parse(await req.clone().text()) as unknown;
    } catch {
      throw new AppError("invalid_input", "The request body is not valid JSON. Send valid JSON or a form.");
    }
  }
  if (type.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(await req.clone().text()));
  return undefined;
}

const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

/** NextAuth's own test of a callback URL: a path, or an absolute http(s) URL. */
function isUsableCallbackUrl(value: string, base: string): boolean {
  try {
    return /^https?:/.test(new URL(value, value.startsWith("/") ? base : undefined).protocol);
  } catch {
    return false;
  }
}

function cookieValues(req: Request): Map<string, string> {
  const values = new Map<string, string>();
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at <= 0) continue;
    const raw = part.slice(at + 1).trim();
    let value = raw;
    try {
      value = decodeURIComponent(raw);
    } catch {
      // kept as sent, as Next does
    }
    values.set(part.slice(0, at).trim(), value);
  }
  return values;
}

/**
 * NextAuth answers every route with a 500 ("problem with the server configuration") while the
 * callback URL in the query or in its cookie is not one it can use (a forged or damaged cookie
 * would break sign-in for that browser for good). Refuse such a request and clear the cookie.
 */
function refuseUnusableCallbackUrl(req: Request, body: unknown): Response | null {
  const cookies = cookieValues(req);
  const badCookies = CALLBACK_COOKIES.filter((name) => {
    const value = cookies.get(name);
    return value && !isUsableCallbackUrl(value, req.url);
  });
  // NextAuth takes the callback URL from the query and from the body too (sign-in, sign-out).
  const fromBody = body && typeof body === "object" ? (body as Record<string, unknown>).callbackUrl : undefined;
  const given = [...new URL(req.url).searchParams.getAll("callbackUrl"), fromBody].filter((v) => v !== undefined && v !== "");
  const badGiven = given.some((v) => typeof v !== "string" || !isUsableCallbackUrl(v, req.url));
  if (!badCookies.length && !badGiven) return null;
  const res = json({ error: { code: "invalid_input", message: "The address to return to after signing in is not valid. Reload the page and sign in again." } }, { status: 422 });
  for (const name of badCookies) res.headers.append("Set-Cookie", `${name}=; Path=${cookiePath}; Max-Age=0; HttpOnly; SameSite=Lax${name.startsWith("__Secure-") ? "; Secure" : ""}`);
  return res;
}

/**
 * NextAuth copies the code of /api/auth/error (?error= or /error/CODE) into a redirect without
 * encoding it: a character a header cannot carry was a 500. Its codes are plain words.
 */
function assertPlainErrorCode(req: Request, segments: string[]): void {
  if (segments[0] !== "error") return;
  const codes = [...new URL(req.url).searchParams.getAll("error"), segments[1] ?? ""];
  if (codes.every((code) => /^[A-Za-z0-9_-]{0,64}$/.test(code))) return;
  throw new AppError("invalid_input", "Unknown sign-in error. Go back to the sign-in page and try again.");
}

const handler = handle(async (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) => {
  assertPlainErrorCode(req, (await ctx.params).nextauth ?? []);
  const refused = refuseUnusableCallbackUrl(req, await readBody(req));
  if (refused) return refused;
  return (NextAuth(getAuthOptions()) as (req: Request, ctx: unknown) => Promise<Response>)(req, ctx);
}, { nextAuthForms: true });

export { handler as GET, handler as POST };
