"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { clearOfflineData } from "@/lib/pwa/clear-offline-data";

/** NextAuth's client (12 kB gzip) is fetched on the click, not with every page that shows the button. */
async function signOut(): Promise<void> {
  const { signOut: nextAuthSignOut } = await import("next-auth/react");
  await nextAuthSignOut({ callbackUrl: "/" });
}

/** Ends this session (NextAuth deletes it from the database) and forgets what this device kept for it. */
export function SignOutButton() {
  const t = useTranslations("Auth");
  return (
    <Button variant="ghost" className="whitespace-nowrap px-2.5 py-2 text-sm" data-testid="sign-out" onClick={() => void clearOfflineData().finally(() => signOut())}>
      {t("signOut")}
    </Button>
  );
}
