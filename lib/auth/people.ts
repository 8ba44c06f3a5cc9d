import "server-only";
import { hasUnreadableSecret } from "../crypto";
import { getDb } from "../db/client";
import { type Person } from "../view-models";

/** Everyone who has signed in, most recently seen first (admin page). */
export async function listPeople(): Promise<Person[]> {
  const users = await getDb().user.findMany({
    orderBy: [{ lastSeenAt: "desc" }],
    include: { _count: { select: { sessions: true } } },
  });
  return users.map((u) => ({
    id: u.id,
    name: u.name ?? "Plex user",
    image: u.image,
    role: u.role,
    restrictionProfile: u.restrictionProfile,
    lastSeenAt: u.lastSeenAt?.toISOString() ?? null,
    activeSessions: u._count.sessions,
  }));
}

/**
 * People whose stored Plex tokens this server cannot decrypt: they were encrypted with another
 * SECRET (SECRET was changed, or the data folder's generated secret was lost while the database
 * was kept). Each of them is asked to sign in again, which stores fresh tokens.
 */
export async function listPeopleWithUnreadableTokens(): Promise<string[]> {
  const users = await getDb().user.findMany({ select: { name: true, plexTokenEnc: true, serverTokenEnc: true }, orderBy: { name: "asc" } });
  return users.filter((u) => hasUnreadableSecret(u.plexTokenEnc) || hasUnreadableSecret(u.serverTokenEnc)).map((u) => u.name ?? "Plex user");
}
