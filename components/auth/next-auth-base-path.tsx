"use client";

import { SessionProvider } from "next-auth/react";
import { withBase } from "@/lib/base-path";

/**
 * Tells NextAuth's browser helper (signIn, on the sign-in pages) where its routes are under the sub-path. No
 * session is fetched: `session={null}` and no refetching (pages read the session on the server).
 */
export function NextAuthBasePath({ children }: { children: React.ReactNode }) {
  return (
    <SessionProvider basePath={withBase("/api/auth")} session={null} refetchOnWindowFocus={false}>
      {children}
    </SessionProvider>
  );
}
