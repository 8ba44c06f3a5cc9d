import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { titled } from "@/lib/i18n/metadata";
import { AuthCard } from "@/components/auth/auth-card";
import { PasswordSignInForm } from "@/components/auth/password-sign-in-form";
import { PasswordSignInStarter } from "@/components/auth/password-sign-in-starter";
import { parsePinCookie, PIN_COOKIE } from "@/lib/auth/pin-cookie";
import { safeCallbackPath } from "@/lib/auth/redirects";
import { getConfig } from "@/lib/config";
import { withBase } from "@/lib/base-path";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("Titles.signInPassword");

export default async function PasswordSignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (!getConfig().passwordSignIn) notFound();
  // A direct visit (a bookmark) has no sign-in in progress: start one through NextAuth first, which
  // comes back here with it, so what the person types is not sent into a sign-in that cannot finish.
  const started = parsePinCookie((await cookies()).get(PIN_COOKIE)?.value);
  const t = await getTranslations("SignIn");
  return (
    <AuthCard title={t("passwordTitle")}>
      <p className="text-sm text-neutral-300">
        {t.rich("passwordIntro", { link: (chunks) => <a href={withBase("/signin")} className="text-reel-400 underline">{chunks}</a> })}
      </p>
      {started?.mode === "password" ? <PasswordSignInForm /> : <PasswordSignInStarter callbackUrl={safeCallbackPath((await searchParams).callbackUrl)} />}
    </AuthCard>
  );
}
