import { PlexError } from "../plex/errors";

/** Why a sign-in did not finish, as shown on /signin?error=CODE. Each says what to do. */
export const SIGN_IN_ERRORS = {
  plextv_unreachable: "Plex.tv cannot be reached right now. Check this server's internet connection and try again in a minute.",
  not_completed: "Sign-in was not completed, try again.",
  rate_limited: "Plex asked us to slow down. Wait a few seconds, then try again.",
  server_unreachable: "Your Plex account has access, but the Plex server cannot be reached right now.",
  wrong_credentials: "That Plex login or password is wrong.",
  wrong_code: "That two-factor code is wrong. Enter the current code from your authenticator app.",
  throttled: "Plex has paused sign-ins from this address after repeated failures. Wait a while, or use “Continue with Plex”.",
  too_many_sign_ins: "Too many sign-ins were started from this address lately. Wait up to 10 minutes, then try again.",
  failed: "Sign-in did not work. Try again.",
} as const;
export type SignInErrorCode = keyof typeof SIGN_IN_ERRORS;

export function isSignInErrorCode(code: string | undefined): code is SignInErrorCode {
  return !!code && Object.hasOwn(SIGN_IN_ERRORS, code);
}

/** Which message a failure to reach or read plex.tv during sign-in deserves. */
export function signInErrorFor(error: unknown): SignInErrorCode {
  if (!(error instanceof PlexError)) return "failed";
  if (error.kind === "rate_limited") return "rate_limited";
  if (error.kind === "unreachable" || error.kind === "invalid_response") return "plextv_unreachable";
  return "not_completed";
}
