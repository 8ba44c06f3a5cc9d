import "server-only";
import { type OAuthConfig } from "next-auth/providers/oauth";
import { takePendingSignIn, type PendingSignIn } from "./pending-sign-in";
import { refreshReturningUser, userFieldsFromSignIn } from "./user-fields";

/**
 * The Plex provider for NextAuth, shaped as OAuth so database sessions work:
 * - authorization: our /api/plex/pin, which creates a PIN at plex.tv and sends the browser to
 *   Plex's own sign-in page (2FA happens there; no password passes through us);
 * - Plex sends the browser back to /api/plex/return, which checks the PIN on the server, reads
 *   the account, checks server access and parks the result under a random id;
 * - token: takes that parked result, only when NextAuth's state (from its httpOnly cookie)
 *   matches the one the sign-in started with, and refreshes a returning person's row with it;
 * - userinfo/profile: the Plex account, keyed by its Plex id (managed profiles have no email).
 */
export function plexProvider(appUrl: string): OAuthConfig<PendingSignIn> {
  return {
    id: "plex",
    name: "Plex",
    type: "oauth",
    checks: ["state"],
    clientId: "reelmatch",
    clientSecret: "not-used",
    authorization: { url: `${appUrl}/api/plex/pin`, params: { scope: "plex" } },
    token: {
      url: `${appUrl}/api/plex/pin`,
      async request({ params, checks }) {
        const code = typeof params.code === "string" ? params.code : "";
        if (!checks.state || params.state !== checks.state) throw new Error("Sign-in state does not match this browser.");
        const pending = await takePendingSignIn(code);
        if (!pending || pending.state !== checks.state) throw new Error("Sign-in expired or was already used.");
        await refreshReturningUser(pending);
        return { tokens: { access_token: "plex", token_type: "plex", pending } };
      },
    },
    userinfo: {
      url: `${appUrl}/api/plex/pin`,
      request: ({ tokens }) => Promise.resolve((tokens as unknown as { pending: PendingSignIn }).pending as never),
    },
    profile(pending) {
      return { id: pending.plexId, email: null, emailVerified: null, plexId: pending.plexId, ...userFieldsFromSignIn(pending) };
    },
  };
}
