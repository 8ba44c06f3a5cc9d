import { describe, expect, it } from "vitest";
import { pageSecurityHeaders } from "@/lib/api/security-headers";

const base = { nonce: "bm9uY2U=", appUrl: "http://192.168.1.10:3000", plexAppUrl: "https://app.plex.tv", plexTvUrl: "https://plex.tv" };

describe("page security headers", () => {
  it("scripts only with the nonce; no inline scripts, no eval in production", () => {
    const csp = pageSecurityHeaders(base)["Content-Security-Policy"]!;
    expect(csp).toContain("script-src 'self' 'nonce-bm9uY2U=' 'strict-dynamic';");
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(csp).toContain("form-action 'self' https://app.plex.tv");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(pageSecurityHeaders({ ...base, dev: true })["Content-Security-Policy"]).toContain("'unsafe-eval'");
  });
  it("HSTS and upgrade-insecure-requests only when APP_URL is https", () => {
    expect(pageSecurityHeaders(base)["Strict-Transport-Security"]).toBeUndefined();
    const secure = pageSecurityHeaders({ ...base, appUrl: "https://films.example.org" });
    expect(secure["Strict-Transport-Security"]).toBe("max-age=31536000");
    expect(secure["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
  });
  it("turns off powerful features", () => {
    expect(pageSecurityHeaders(base)["Permissions-Policy"]).toMatch(/camera=\(\), microphone=\(\), geolocation=\(\)/);
  });
});
