// GET /api/plex/return - Plex's sign-in page sends the browser back here: check the PIN on the server, then finish sign-in
import { completeSignIn } from "@/lib/auth/complete-sign-in";
import { plexTv } from "@/lib/auth/plex";
import { noAccessCookieHeader } from "@/lib/auth/no-access-cookie";
import { clearPinCookieHeader, readPinCookie } from "@/lib/auth/pin-cookie";
import { noAccessPath, redirectTo, signInErrorPath } from "@/lib/auth/redirects";
import { endCurrentSession } from "@/lib/auth/sessions";
import { signInErrorFor } from "@/lib/auth/sign-in-errors";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const started = readPinCookie(req);
  const clear = clearPinCookieHeader();
  if (!started?.pinId) return redirectTo(signInErrorPath("not_completed"), [clear]);
  let token: string | null | undefined;
  try {
    token = (await (await plexTv()).checkPin(started.pinId)).authToken;
  } catch (error) {
    return redirectTo(signInErrorPath(signInErrorFor(error)), [clear]);
  }
  if (!token) return redirectTo(signInErrorPath("not_completed"), [clear]);
  const outcome = await completeSignIn({ plexToken: token, state: started.state });
  if (outcome.kind === "denied") return redirectTo(noAccessPath(), [clear, noAccessCookieHeader()]);
  if (outcome.kind === "error") return redirectTo(signInErrorPath(outcome.code, outcome.detail), [clear]);
  // Signing in as someone new replaces the current session rather than linking accounts.
  return redirectTo(outcome.callbackUrl, [clear, ...(await endCurrentSession(req))]);
}
