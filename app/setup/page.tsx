import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { titled } from "@/lib/i18n/metadata";
import { AuthCard } from "@/components/auth/auth-card";
import { SetupForm } from "@/components/admin/setup-form";
import { getConfiguredServerId } from "@/lib/auth/server-choice";
import { getSessionUserForSetup } from "@/lib/auth/viewer";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("Titles.setup");

export default async function SetupPage() {
  if (await getConfiguredServerId()) redirect("/");
  const user = await getSessionUserForSetup();
  if (!user) redirect("/signin?callbackUrl=/setup");
  const t = await getTranslations("Setup");
  return (
    <AuthCard title={t("title")}>
      <p className="text-neutral-300">{t("intro", { name: user.name ?? "" })}</p>
      <SetupForm />
    </AuthCard>
  );
}
