"use client";

import { signIn } from "next-auth/react";
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { AuthMessage } from "@/components/auth/auth-card";
import { withBase } from "@/lib/base-path";

export interface PasswordSignInStarterProps {
  callbackUrl: string;
}

const STARTED_KEY = "reelmatch.password-signin-started";

/**
 * Starts a password sign-in through NextAuth when /signin/password is opened directly; NextAuth
 * comes back to the page with the sign-in bound to this browser. If it comes back without it
 * (the browser dropped our cookie), it says so instead of starting again in a loop.
 */
export function PasswordSignInStarter({ callbackUrl }: PasswordSignInStarterProps) {
  const [stuck, setStuck] = useState(false);
  const t = useTranslations("SignIn");
  useEffect(() => {
    const last = Number(window.sessionStorage.getItem(STARTED_KEY) ?? 0);
    if (Date.now() - last < 10_000) {
      // Shown from a callback: the effect itself only talks to sessionStorage and NextAuth.
      const timer = window.setTimeout(() => setStuck(true), 0);
      return () => window.clearTimeout(timer);
    }
    window.sessionStorage.setItem(STARTED_KEY, String(Date.now()));
    void signIn("plex", { callbackUrl }, { mode: "password" });
  }, [callbackUrl]);
  if (stuck) {
    return (
      <AuthMessage testId="password-message">
        {t.rich("cookieLost", { link: (chunks) => <a href={withBase("/signin")} className="underline">{chunks}</a> })}
      </AuthMessage>
    );
  }
  return (
    <p role="status" className="text-sm text-neutral-400">
      {t("preparing")}
    </p>
  );
}
