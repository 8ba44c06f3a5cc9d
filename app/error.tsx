"use client";

import { useTranslations } from "next-intl";
import { AuthCard } from "@/components/auth/auth-card";
import { Button } from "@/components/ui/button";

/** Shown when a page fails on the server: no internals, just what to do. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("Errors");
  return (
    <AuthCard title={t("pageTitle")}>
      <p className="text-neutral-300">{t("pageText")}</p>
      <Button onClick={reset}>{t("tryAgain")}</Button>
    </AuthCard>
  );
}
