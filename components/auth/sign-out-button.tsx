"use client";

import { signOut } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { clearOfflineData } from "@/lib/pwa/clear-offline-data";

/** Ends this session (NextAuth deletes it from the database) and forgets what this device kept for it. */
export function SignOutButton() {
  return (
    <Button variant="ghost" className="whitespace-nowrap px-2.5 py-2 text-sm" data-testid="sign-out" onClick={() => void clearOfflineData().finally(() => signOut({ callbackUrl: "/" }))}>
      Sign out
    </Button>
  );
}
