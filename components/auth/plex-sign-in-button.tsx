"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

export interface PlexSignInButtonProps {
  callbackUrl?: string;
  mode?: "pin" | "password";
  label?: string;
  variant?: "primary" | "secondary";
}

/** Starts NextAuth's Plex sign-in: a full-page redirect to Plex's own sign-in page. */
export function PlexSignInButton({ callbackUrl = "/", mode = "pin", label = "Continue with Plex", variant = "primary" }: PlexSignInButtonProps) {
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
      {busy ? "Opening Plex…" : label}
    </Button>
  );
}
