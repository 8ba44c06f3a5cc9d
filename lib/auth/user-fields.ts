import "server-only";
import { encryptSecret } from "../crypto";
import { getDb } from "../db/client";
import { type PendingSignIn } from "./pending-sign-in";
import { forgetCachedSessions } from "./session-cache";

/** The User columns a sign-in sets or refreshes: profile from the Plex account, access, tokens (encrypted). */
export function userFieldsFromSignIn(p: Omit<PendingSignIn, "state" | "expiresAt">) {
  return {
    name: p.name,
    image: p.image ?? null,
    plexUuid: p.plexUuid ?? null,
    plexUsername: p.username ?? null,
    restricted: p.restricted,
    restrictionProfile: p.restrictionProfile ?? null,
    plexTokenEnc: encryptSecret(p.plexToken),
    role: p.access?.role ?? "none",
    serverTokenEnc: p.access ? encryptSecret(p.access.serverToken) : null,
    serverUri: p.access?.serverUri ?? null,
    accessCheckedAt: new Date(),
    homeAdminPlexId: p.homeAdminPlexId ?? null,
    lastSeenAt: new Date(),
  };
}

/**
 * Rewrites a returning person's row with what plex.tv just said (role, tokens, address, name,
 * avatar, check time) before NextAuth opens the new session. NextAuth itself never updates a
 * user it already knows, and its signIn event receives the mapped profile, not the sign-in.
 * A first sign-in has no row yet: the adapter creates it from the same fields.
 */
export async function refreshReturningUser(p: Omit<PendingSignIn, "state" | "expiresAt">): Promise<void> {
  const db = getDb();
  const existing = await db.user.findUnique({ where: { plexId: p.plexId }, select: { id: true } });
  if (!existing) return;
  await db.user.update({ where: { id: existing.id }, data: userFieldsFromSignIn(p) });
  forgetCachedSessions(existing.id);
}
