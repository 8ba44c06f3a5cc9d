import "server-only";
import { decryptSecret, hasUnreadableSecret } from "../crypto";
import { getDb } from "../db/client";
import { AppError } from "../errors";

/** A person's own Plex credentials: their plex.tv account token, and their token and address for the server. */
export interface PersonalPlexAccess {
  plexToken: string;
  serverToken: string;
  serverUri: string;
}

/**
 * The signed-in person's own tokens (a Home profile's are the profile's, so Plex applies its
 * restrictions). Throws when they cannot be read (SECRET changed) or the person has no access.
 */
export async function getPersonalPlexAccessOrThrow(userId: string): Promise<PersonalPlexAccess> {
  const user = await getDb().user.findUnique({ where: { id: userId } });
  if (hasUnreadableSecret(user?.plexTokenEnc) || hasUnreadableSecret(user?.serverTokenEnc)) {
    throw new AppError("unauthenticated", "The stored Plex sign-in could not be read because this server's SECRET changed. Sign in with Plex again.");
  }
  const plexToken = decryptSecret(user?.plexTokenEnc);
  const serverToken = decryptSecret(user?.serverTokenEnc);
  if (!user || !plexToken || !serverToken || !user.serverUri) {
    throw new AppError("forbidden", "This person has no access to the Plex server. Ask the server's owner to share it with them, then sign in again.");
  }
  return { plexToken, serverToken, serverUri: user.serverUri };
}
