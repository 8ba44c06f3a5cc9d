"use client";

import { AuthCard } from "@/components/auth/auth-card";
import { Button } from "@/components/ui/button";

/** Shown when a page fails on the server: no internals, just what to do. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <AuthCard title="Something went wrong">
      <p className="text-neutral-300">
        Reelmatch could not show this page. If your Plex server or plex.tv is having a moment, try again shortly.
      </p>
      <Button onClick={reset}>Try again</Button>
    </AuthCard>
  );
}
