"use client";

import { signIn } from "next-auth/react";
import { useEffect, useState } from "react";
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
        Sign-in could not start because this browser did not keep Reelmatch&rsquo;s sign-in cookie. Allow cookies for this
        site, then <a href={withBase("/signin")} className="underline">try again</a>.
      </AuthMessage>
    );
  }
  return (
    <p role="status" className="text-sm text-neutral-400">
      Preparing sign-in…
    </p>
  );
}
