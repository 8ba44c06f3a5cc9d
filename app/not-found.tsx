import { useTranslations } from "next-intl";
import { AuthCard } from "@/components/auth/auth-card";
import { LinkButton } from "@/components/ui/button";

export default function NotFound() {
  const t = useTranslations("NotFound");
  return (
    <AuthCard title={t("title")}>
      <p className="text-neutral-300">{t("text")}</p>
      <LinkButton href="/">{t("home")}</LinkButton>
    </AuthCard>
  );
}
