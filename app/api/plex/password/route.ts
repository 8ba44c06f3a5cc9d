// POST /api/plex/password - optional sign-in with Plex login and password (PLEX_PASSWORD_SIGNIN=true), 2FA code step included
import { z } from "zod";
import { handle, json, parseJson } from "@/lib/api/respond";
import { completeSignIn } from "@/lib/auth/complete-sign-in";
import { plexTv } from "@/lib/auth/plex";
import { readPinCookie } from "@/lib/auth/pin-cookie";
import { noAccessCookieHeader } from "@/lib/auth/no-access-cookie";
import { noAccessPath } from "@/lib/auth/redirects";
import { endCurrentSession } from "@/lib/auth/sessions";
import { SIGN_IN_ERRORS, signInErrorFor } from "@/lib/auth/sign-in-errors";
import { getConfig } from "@/lib/config";
import { assertWithinAddressLimit } from "@/lib/limits/address-limits";
import { PASSWORD_ATTEMPTS_PER_ADDRESS } from "@/lib/limits/schedules";
import { clientAddress } from "@/lib/api/client-address";
import { AppError } from "@/lib/errors";
import { PlexError } from "@/lib/plex/errors";
import { withBase } from "@/lib/base-path";

export const dynamic = "force-dynamic";

const body = z.object({
  login: z.string().trim().min(1, "Enter your Plex email or username").max(200),
  password: z.string().min(1, "Enter your Plex password").max(500),
  code: z.string().trim().regex(/^\d{6}$/, "The two-factor code has 6 digits").optional(),
});

/** plex.tv sign-in error codes and what they mean for the person. */
function outcomeOf(error: PlexError) {
  switch (error.info.plexCode) {
    case 1029:
      return { step: "code" as const, message: "Enter the 6-digit code from your authenticator app." };
    case 1028:
      return { step: "code" as const, error: "wrong_code" as const };
    case 1031:
      return { error: "throttled" as const };
    case 1001:
      return { error: "wrong_credentials" as const };
    default:
      return { error: signInErrorFor(error) };
  }
}

export const POST = handle(async (req) => {
  if (!getConfig().passwordSignIn) throw new AppError("not_found", "Password sign-in is switched off on this server. Use Continue with Plex instead.");
  const started = readPinCookie(req);
  if (!started || started.mode !== "password") throw new AppError("invalid_input", SIGN_IN_ERRORS.not_completed);
  const { login, password, code } = await parseJson(req, body);
  await assertWithinAddressLimit({ limit: PASSWORD_ATTEMPTS_PER_ADDRESS, address: clientAddress(req.headers), what: "Too many password sign-ins from this address." });
  let user;
  try {
    user = await (await plexTv()).signIn(login, password, code);
  } catch (error) {
    if (!(error instanceof PlexError)) throw error;
    const o = outcomeOf(error);
    const status = o.error === "plextv_unreachable" ? 502 : o.error === "rate_limited" || o.error === "throttled" ? 429 : 401;
    return json({ ok: false, step: o.step ?? "password", message: o.error ? SIGN_IN_ERRORS[o.error] : o.message, error: o.error ?? "code_required" }, { status });
  }
  if (!user.authToken) throw new AppError("plex_refused", SIGN_IN_ERRORS.failed);
  const outcome = await completeSignIn({ plexToken: user.authToken, state: started.state, user });
  if (outcome.kind === "denied") return json({ ok: false, redirect: withBase(noAccessPath()) }, { headers: { "Set-Cookie": noAccessCookieHeader() } });
  if (outcome.kind === "error") return json({ ok: false, step: "password", error: outcome.code, message: SIGN_IN_ERRORS[outcome.code] }, { status: 502 });
  const res = json({ ok: true, redirect: outcome.callbackUrl });
  for (const c of await endCurrentSession(req)) res.headers.append("Set-Cookie", c);
  return res;
});
