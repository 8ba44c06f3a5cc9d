"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

export interface PlexSignInButtonProps {
  callbackUrl?: string;
  mode?: "pin" | "password";
  label?: string;
  variant?: "primary" | "secondary";
}

/** Starts NextAuth's Plex sign-in: a full-page redirect to Plex's own sign-in page. */
export function PlexSignInButton({ callbackUrl = "/", mode = "pin", label, variant = "primary" }: PlexSignInButtonProps) {
  const t = useTranslations("Auth");
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant={variant}
      className="w-full"
      disabled={busy}
      data-testid={mode === "pin" ? "continue-with-plex" : "use-password"}
      onClick={() => {
        setBusy(true);
        void signIn("plex", { callbackUrl }, mode === "password" ? { mode: "password" } : undefined);
      }}
    >
      {busy ? t("openingPlex") : (label ?? t("continueWithPlex"))}
    </Button>
  );
}
