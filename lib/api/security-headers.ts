/**
 * The security headers of every page. Scripts run only with the per-request nonce (Next.js reads
 * it from the Content-Security-Policy request header and puts it on every script it renders), so
 * an injected <script> or inline handler never runs. Styles stay 'unsafe-inline': React renders
 * style attributes (avatars, the swipe card) and styles cannot run code.
 */
export function pageSecurityHeaders(options: { nonce: string; appUrl: string; plexAppUrl: string; plexTvUrl: string; dev?: boolean }): Record<string, string> {
  const https = options.appUrl.startsWith("https:");
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    // Plex account pictures come from plex.tv (any https host it names); posters are proxied by /api/posters.
    `img-src 'self' data: blob: https: ${new URL(options.plexTvUrl).origin}`,
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // Sign-in leaves for the Plex sign-in page.
    `form-action 'self' ${new URL(options.plexAppUrl).origin}`,
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    ...(https ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}
