"use client";

import { useEffect } from "react";

/** Touches the session once per page load so NextAuth rolls its 30-day expiry forward. */
export function SessionKeeper() {
  useEffect(() => {
    void fetch("/api/auth/session", { cache: "no-store" }).catch(() => undefined);
  }, []);
  return null;
}
