import { AuthCard } from "@/components/auth/auth-card";
import { LinkButton } from "@/components/ui/button";
import { cookies } from "next/headers";
import { getTranslations } from "next-intl/server";
import { titled } from "@/lib/i18n/metadata";
import { isRefusedSignIn, NO_ACCESS_COOKIE } from "@/lib/auth/no-access-cookie";
import { getServerName } from "@/lib/auth/server-choice";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("Titles.noAccess");

/**
 * Names the server configured here (from our database), and only to the browser whose sign-in was
 * just refused: a link cannot make it name another server, nor a visitor learn this one's name.
 */
export default async function NoAccessPage() {
  const refused = isRefusedSignIn((await cookies()).get(NO_ACCESS_COOKIE)?.value);
  const t = await getTranslations("NoAccess");
  const server = (refused ? await getServerName() : undefined) ?? t("thisServer");
  const strong = (chunks: React.ReactNode) => <strong className="text-white">{chunks}</strong>;
  return (
    <AuthCard title={t("title")}>
      <p className="text-neutral-300" data-testid="no-access">
        {t.rich("notShared", { server, strong })}
      </p>
      <p className="text-neutral-300">{t.rich("ask", { server, strong })}</p>
      <div className="flex flex-col gap-3">
        <LinkButton href="/signin">{t("tryAgain")}</LinkButton>
        <LinkButton href="/join" variant="secondary">{t("joinAsGuest")}</LinkButton>
      </div>
    </AuthCard>
  );
}
