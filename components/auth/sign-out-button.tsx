"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { withBase } from "@/lib/base-path";
import { clearOfflineData } from "@/lib/pwa/clear-offline-data";

/**
 * NextAuth's sign-out, done with its two requests (a CSRF token, then the form its sign-out route
 * takes) rather than its browser client: that client only learns the sub-path from a rendered
 * SessionProvider, and with its runtime helpers it is 14 kB gzip on every page that renders one.
 */
async function signOut(): Promise<void> {
  const { csrfToken } = (await (await fetch(withBase("/api/auth/csrf"))).json()) as { csrfToken: string };
  const res = await fetch(withBase("/api/auth/signout"), {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl: "/", json: "true" }),
  });
  const { url } = (await res.json()) as { url?: string };
  window.location.href = url ?? withBase("/");
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
