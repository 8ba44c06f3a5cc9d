import { redirect } from "next/navigation";
import { AuthCard, AuthMessage } from "@/components/auth/auth-card";
import { PlexSignInButton } from "@/components/auth/plex-sign-in-button";
import { safeCallbackPath, verifiedSignInDetail } from "@/lib/auth/redirects";
import { getSignedInUser } from "@/lib/auth/viewer";
import { isSignInErrorCode, SIGN_IN_ERRORS } from "@/lib/auth/sign-in-errors";
import { getConfig } from "@/lib/config";
import { withBase } from "@/lib/base-path";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

/** A repeated query parameter (`?callbackUrl=a&callbackUrl=b`) arrives as an array: the first one counts. */
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const [error, detail, callbackUrl] = [first(params.error), first(params.detail), first(params.callbackUrl)];
  if (!error && (await getSignedInUser())) redirect("/");
  const config = getConfig();
  const message = isSignInErrorCode(error) ? SIGN_IN_ERRORS[error] : error ? SIGN_IN_ERRORS.failed : undefined;
  const safeCallback = safeCallbackPath(callbackUrl);
  const shownDetail = message ? verifiedSignInDetail(error, detail) : undefined;
  return (
    <AuthCard title="Sign in with Plex">
      {message ? (
        <AuthMessage testId="sign-in-error">
          {message}
          {shownDetail ? <span className="mt-1 block text-red-200/80">{shownDetail}</span> : null}
        </AuthMessage>
      ) : null}
      <p className="text-neutral-300">
        You&rsquo;ll sign in on Plex&rsquo;s own page (two-factor works there), then come straight back. Reelmatch never
        sees your password.
      </p>
      <PlexSignInButton callbackUrl={safeCallback} />
      {config.passwordSignIn ? (
        <PlexSignInButton callbackUrl={safeCallback} mode="password" variant="secondary" label="Sign in with Plex email and password" />
      ) : null}
      <p className="text-sm text-neutral-400">
        No Plex account? Ask for the room&rsquo;s link or code and <a className="text-reel-400 underline" href={withBase("/join")}>join as a guest</a>.
      </p>
    </AuthCard>
  );
}
