"use client";

import { useEffect } from "react";
import { withBase } from "@/lib/base-path";

/** Touches the session once per page load so NextAuth rolls its 30-day expiry forward. */
export function SessionKeeper() {
  useEffect(() => {
    void fetch(withBase("/api/auth/session"), { cache: "no-store" }).catch(() => undefined);
  }, []);
  return null;
}
