"use client";

import { signOut } from "next-auth/react";
import { Button } from "@/components/ui/button";

/** Ends this session (NextAuth deletes it from the database). */
export function SignOutButton() {
  return (
    <Button variant="ghost" className="whitespace-nowrap px-2.5 py-2 text-sm" data-testid="sign-out" onClick={() => void signOut({ callbackUrl: "/" })}>
      Sign out
    </Button>
  );
}
