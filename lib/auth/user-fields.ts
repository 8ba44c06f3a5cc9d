import "server-only";
import { encryptSecret } from "../crypto";
import { type PendingSignIn } from "./pending-sign-in";

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
