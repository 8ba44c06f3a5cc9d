import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { titled } from "@/lib/i18n/metadata";
import { AuthCard, AuthMessage } from "@/components/auth/auth-card";
import { PlexSignInButton } from "@/components/auth/plex-sign-in-button";
import { safeCallbackPath, verifiedSignInDetail } from "@/lib/auth/redirects";
import { getSignedInUser } from "@/lib/auth/viewer";
import { isSignInErrorCode } from "@/lib/auth/sign-in-errors";
import { getConfig } from "@/lib/config";
import { withBase } from "@/lib/base-path";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("Titles.signIn");

/** A repeated query parameter (`?callbackUrl=a&callbackUrl=b`) arrives as an array: the first one counts. */
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const [error, detail, callbackUrl] = [first(params.error), first(params.detail), first(params.callbackUrl)];
  if (!error && (await getSignedInUser())) redirect("/");
  const config = getConfig();
  const t = await getTranslations("SignIn");
  const message = error ? t(`errors.${isSignInErrorCode(error) ? error : "failed"}`) : undefined;
  const safeCallback = safeCallbackPath(callbackUrl);
  const shownDetail = message ? verifiedSignInDetail(error, detail) : undefined;
  return (
    <AuthCard title={t("title")}>
      {message ? (
        <AuthMessage testId="sign-in-error">
          {message}
          {shownDetail ? <span className="mt-1 block text-red-200/80">{shownDetail}</span> : null}
        </AuthMessage>
      ) : null}
      <p className="text-neutral-300">{t("intro")}</p>
      <PlexSignInButton callbackUrl={safeCallback} />
      {config.passwordSignIn ? (
        <PlexSignInButton callbackUrl={safeCallback} mode="password" variant="secondary" label={t("withPassword")} />
      ) : null}
      <p className="text-sm text-neutral-400">
        {t.rich("noAccount", { join: (chunks) => <a className="text-reel-400 underline" href={withBase("/join")}>{chunks}</a> })}
      </p>
    </AuthCard>
  );
}
