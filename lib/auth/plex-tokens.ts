import "server-only";
import { decryptSecret, hasUnreadableSecret } from "../crypto";
import { getDb } from "../db/client";
import { refusal } from "../i18n/api-errors";

/** A person's own token and address for the server (a Home profile's are the profile's, so Plex applies its restrictions). */
export interface ServerAccess {
  serverToken: string;
  serverUri: string;
}

/** A person's own Plex credentials: their plex.tv account token, and their token and address for the server. */
export interface PersonalPlexAccess extends ServerAccess {
  plexToken: string;
}

const unreadable = () => refusal("unauthenticated", "secretChanged");
const noAccess = () => refusal("forbidden", "noServerAccess");

/** The person's row with their server token and address, read and checked (SECRET changed: sign in again; none: no access). */
async function readServerAccess(userId: string) {
  const user = await getDb().user.findUnique({ where: { id: userId } });
  if (hasUnreadableSecret(user?.serverTokenEnc)) throw unreadable();
  const serverToken = decryptSecret(user?.serverTokenEnc);
  if (!user || !serverToken || !user.serverUri) throw noAccess();
  return { user, access: { serverToken, serverUri: user.serverUri } };
}

/** The person's own token and address for the server (for a Plex server client with their restrictions). */
export async function getServerAccessOrThrow(userId: string): Promise<ServerAccess> {
  return (await readServerAccess(userId)).access;
}

/** The person's own plex.tv token besides their server token and address (watchlists, players: plex.tv acts as them). */
export async function getPersonalPlexAccessOrThrow(userId: string): Promise<PersonalPlexAccess> {
  const { user, access } = await readServerAccess(userId);
  if (hasUnreadableSecret(user.plexTokenEnc)) throw unreadable();
  const plexToken = decryptSecret(user.plexTokenEnc);
  if (!plexToken) throw noAccess();
  return { ...access, plexToken };
}
